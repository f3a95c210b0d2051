package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import com.dcbeacon.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A change of mind after curation is honoured: when a skip, pause or cancel covers the cycle of a box that has not
 * shipped, the box is withdrawn (never packed, shipped or charged), its stock goes back, and the member is told
 * (BoxWithdrawn, which member-service turns into a message). A box that shipped before the change arrived is not
 * charged by member-service (see its ledger rules).
 */
@ApplicationScoped
public class BoxWithdrawals {

    private static final Logger LOG = Logger.getLogger(BoxWithdrawals.class);

    private final Outbox outbox;
    private final StockMovements stock;
    private final BoxRepository boxes;
    private final BoxAddOns addOns;

    public BoxWithdrawals(Outbox outbox, StockMovements stock, BoxRepository boxes, BoxAddOns addOns) {
        this.outbox = outbox;
        this.stock = stock;
        this.boxes = boxes;
        this.addOns = addOns;
    }

    /** Runs in the transaction that applied the member's subscription change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawUnwanted(SubscriptionReplica s) {
        BoxEligibility.Subscription subscription = s.eligibility();
        for (UUID id : boxes.openIdsOfMember(s.memberId)) {
            // Row-locked: a ship or swap of the same box runs before or after this, never both on the same state.
            Box box = boxes.locked(id).orElse(null);
            if (box == null || !box.isOpen()) {
                continue; // shipped by the request that held the lock: member-service decides about its charge
            }
            YearMonth cycle = YearMonth.parse(box.cycle);
            if (!BoxEligibility.receivesBox(subscription, cycle)) {
                withdraw(box, reason(subscription, cycle));
            }
        }
    }

    private void withdraw(Box box, Box.WithdrawalReason reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        box.withdraw(reason, now);
        box.items.forEach(i -> stock.release(i.productId(), 1, box.cycle, "box withdrawn: " + reason));
        addOns.releaseAll(box, "box withdrawn with its add-ons: " + reason); // never shipped, so never charged
        outbox.publish(
                EventType.BOX_WITHDRAWN,
                box.memberId.toString(),
                new BoxWithdrawn(box.id, box.memberId, box.cycle, reason.name(), now));
        LOG.infof("Box %s of member %s for %s withdrawn: %s", box.id, box.memberId, box.cycle, reason);
    }

    private static Box.WithdrawalReason reason(BoxEligibility.Subscription s, YearMonth cycle) {
        return switch (s.status()) {
            case CANCELLED -> Box.WithdrawalReason.CANCELLED;
            case PAUSED -> Box.WithdrawalReason.PAUSED;
            case ACTIVE ->
                s.skippedCycles().contains(cycle.toString())
                        ? Box.WithdrawalReason.CYCLE_SKIPPED
                        : Box.WithdrawalReason.PAUSED; // a cycle of a pause that ended by itself
        };
    }
}
