package com.dcbeacon.box.domain;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxContentsChanged;
import com.dcbeacon.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * A change box-service made to an open box's contents, not at the member's asking: counted on the box
 * ({@link Box#contentsRevision}) and announced with the whole new contents ({@link BoxContentsChanged}), so the member
 * gets a new preview and is never charged for a box whose contents they were not shown in time. The member's own swaps
 * are not such changes: they chose them (BoxItemSwapped).
 */
@ApplicationScoped
public class BoxContentsChanges {

    private final Outbox outbox;

    public BoxContentsChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Counts and announces the change; {@code reason}: why, in words meant for the member. Runs in the caller's
     * transaction, which holds the box's row lock and has already changed its items.
     */
    public void announce(Box box, String reason, OffsetDateTime at) {
        box.contentsRevision++;
        outbox.publish(
                EventType.BOX_CONTENTS_CHANGED,
                box.memberId.toString(),
                new BoxContentsChanged(
                        box.id,
                        box.memberId,
                        box.cycle,
                        box.contentsRevision,
                        box.items.stream().map(Box.Item::told).toList(),
                        reason,
                        at));
    }
}
