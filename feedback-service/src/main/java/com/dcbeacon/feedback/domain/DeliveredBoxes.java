package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;

/**
 * Boxes the members received, from box-service's BoxDelivered: their items open for rating, and the member becomes
 * eligible for the NPS survey. Runs inside the inbox transaction.
 */
@ApplicationScoped
public class DeliveredBoxes {

    private final DeliveredBoxRepository boxes;
    private final NpsSurveys surveys;

    public DeliveredBoxes(DeliveredBoxRepository boxes, NpsSurveys surveys) {
        this.boxes = boxes;
        this.surveys = surveys;
    }

    /**
     * Records the delivered box, and invites its member to the NPS survey when the rules allow it; a box already
     * recorded stays as it is and invites nobody.
     */
    public void delivered(BoxDelivered delivered) {
        if (boxes.findById(delivered.boxId()) != null) {
            return;
        }
        DeliveredBox box = new DeliveredBox();
        box.boxId = delivered.boxId();
        box.memberId = delivered.memberId();
        box.cycle = delivered.cycle();
        box.deliveredAt = delivered.deliveredAt();
        box.items = new ArrayList<>(delivered.items().stream()
                .map(i -> new DeliveredBox.Item(i.productId(), i.brandId(), i.sku(), i.name()))
                .toList());
        boxes.persist(box);
        surveys.delivered(box.memberId, box.boxId);
    }
}
