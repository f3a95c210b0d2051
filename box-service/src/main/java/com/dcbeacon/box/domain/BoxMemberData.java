package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.BoxIssueRepository;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.MemberReplicaRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
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
    private final MemberReplicaRepository members;
    private final SubscriptionReplicaRepository subscriptions;
    private final PreferenceReplicaRepository preferences;
    private final MemberRatingRepository ratings;
    private final BoxRepository boxes;
    private final BoxIssueRepository issues;
    private final BoxAddOns addOns;

    public BoxMemberData(
            CurationReplicas replicas,
            StockMovements stock,
            MemberReplicaRepository members,
            SubscriptionReplicaRepository subscriptions,
            PreferenceReplicaRepository preferences,
            MemberRatingRepository ratings,
            BoxRepository boxes,
            BoxIssueRepository issues,
            BoxAddOns addOns) {
        this.replicas = replicas;
        this.stock = stock;
        this.members = members;
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.ratings = ratings;
        this.boxes = boxes;
        this.issues = issues;
        this.addOns = addOns;
    }

    @Override
    public Object export(UUID memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        members.findByIdOptional(memberId)
                .ifPresent(m -> data.put(
                        "member",
                        Map.of(
                                "memberId",
                                m.memberId,
                                "country",
                                m.country,
                                "registeredAt",
                                m.registeredAt.toString())));
        subscriptions
                .findByIdOptional(memberId)
                .ifPresent(s -> data.put(
                        "subscription",
                        Map.of(
                                "planId",
                                s.planId,
                                "itemsPerBox",
                                s.itemsPerBox,
                                "status",
                                s.status.name(),
                                "skippedCycles",
                                s.skippedCycles)));
        preferences
                .findByIdOptional(memberId)
                .ifPresent(p -> data.put(
                        "preferences",
                        Map.of(
                                "allergens",
                                p.allergens,
                                "dietaryTags",
                                p.dietaryTags,
                                "likedCategories",
                                p.likedCategories,
                                "dislikedCategories",
                                p.dislikedCategories)));
        data.put(
                "boxes",
                boxes.ofMemberOldestFirst(memberId).stream()
                        .map(b -> Map.of(
                                "cycle",
                                b.cycle,
                                "status",
                                b.status.name(),
                                "items",
                                b.items.stream()
                                        .map(i -> Map.of("sku", i.sku(), "name", i.name(), "reason", i.reason()))
                                        .toList(),
                                "addOns",
                                b.addOns.stream()
                                        .map(a -> Map.of(
                                                "sku",
                                                a.sku(),
                                                "name",
                                                a.name(),
                                                "quantity",
                                                a.quantity(),
                                                "unitPriceCents",
                                                a.unitPriceCents()))
                                        .toList()))
                        .toList());
        data.put(
                "ratings",
                ratings.ofMember(memberId).stream()
                        .map(r -> Map.of("productId", r.key.productId(), "stars", r.stars))
                        .toList());
        return data;
    }

    @Override
    public void erase(UUID memberId) {
        members.deleteById(memberId);
        replicas.erase(memberId);
        issues.deleteOfMember(memberId);
        for (UUID id : boxes.idsOfMember(memberId)) {
            Box box = boxes.locked(id).orElseThrow();
            if (box.isOpen()) {
                // The box will never ship: its units go back to the brand (the release names no member).
                box.items.forEach(i -> stock.release(i.productId(), 1, box.cycle, "box of an erased member"));
                addOns.releaseAll(box, "add-ons of a box of an erased member");
            }
            boxes.delete(box);
        }
    }
}
