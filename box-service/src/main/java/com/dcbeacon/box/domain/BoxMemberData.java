package com.dcbeacon.box.domain;

import com.dcbeacon.platform.messaging.MemberDataHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What box-service holds about a member, for export and erasure. */
@ApplicationScoped
public class BoxMemberData implements MemberDataHolder {

    private final CurationReplicas replicas;
    private final StockMovements stock;

    public BoxMemberData(CurationReplicas replicas, StockMovements stock) {
        this.replicas = replicas;
        this.stock = stock;
    }

    @Override
    public Object export(UUID memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        MemberReplica.<MemberReplica>findByIdOptional(memberId).ifPresent(m -> data.put("member",
                Map.of("memberId", m.memberId, "country", m.country, "registeredAt", m.registeredAt.toString())));
        SubscriptionReplica.<SubscriptionReplica>findByIdOptional(memberId).ifPresent(s -> data.put("subscription",
                Map.of("planId", s.planId, "itemsPerBox", s.itemsPerBox, "status", s.status, "skippedCycles", s.skippedCycles)));
        PreferenceReplica.<PreferenceReplica>findByIdOptional(memberId).ifPresent(p -> data.put("preferences",
                Map.of("allergens", p.allergens, "dietaryTags", p.dietaryTags, "likedCategories", p.likedCategories,
                        "dislikedCategories", p.dislikedCategories)));
        data.put("boxes", Box.<Box>list("memberId = ?1 order by cycle", memberId).stream().map(b -> Map.of(
                "cycle", b.cycle, "status", b.status,
                "items", b.items.stream().map(i -> Map.of("sku", i.sku(), "name", i.name(), "reason", i.reason())).toList()))
                .toList());
        data.put("ratings", MemberRating.<MemberRating>list("key.memberId", memberId).stream()
                .map(r -> Map.of("productId", r.key.productId(), "stars", r.stars)).toList());
        return data;
    }

    @Override
    public void erase(UUID memberId) {
        MemberReplica.deleteById(memberId);
        replicas.erase(memberId);
        BoxIssue.delete("memberId", memberId);
        for (UUID id : Box.getEntityManager().createQuery("select b.id from Box b where b.memberId = ?1 order by b.id", UUID.class)
                .setParameter(1, memberId).getResultList()) {
            Box box = BoxLifecycle.locked(id);
            if (box.isOpen()) {
                // The box will never ship: its units go back to the brand (the release names no member).
                box.items.forEach(i -> stock.release(i.productId(), 1, box.cycle, "box of an erased member"));
            }
            box.delete();
        }
    }
}
