package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.DeliveredBox;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeliveredBoxRepository implements PanacheRepositoryBase<DeliveredBox, UUID> {

    /** The box, if it was delivered to this member; empty for another member's box. */
    public Optional<DeliveredBox> findOfMember(UUID boxId, UUID memberId) {
        return findByIdOptional(boxId).filter(b -> b.memberId.equals(memberId));
    }

    public boolean anyDeliveredTo(UUID memberId) {
        return count("memberId", memberId) > 0;
    }

    /** Deletes the member's boxes one by one, so their items go with them. */
    public void deleteOfMember(UUID memberId) {
        list("memberId", memberId).forEach(this::delete);
    }
}
