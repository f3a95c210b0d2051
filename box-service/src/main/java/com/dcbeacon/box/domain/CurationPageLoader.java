package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.PlanPriceReplicaRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loads what curation needs of exactly one page's members, in {@code in (…)} queries: their preferences, ratings, items
 * of their boxes of the three previous cycles, whether they already have a box for the cycle and their plan's price for
 * it; and decides who may get a box and why the others do not.
 */
@ApplicationScoped
public class CurationPageLoader {

    private final SubscriptionReplicaRepository subscriptions;
    private final PreferenceReplicaRepository preferences;
    private final MemberRatingRepository ratings;
    private final BoxRepository boxes;
    private final PlanPriceReplicaRepository planPrices;

    public CurationPageLoader(
            SubscriptionReplicaRepository subscriptions,
            PreferenceReplicaRepository preferences,
            MemberRatingRepository ratings,
            BoxRepository boxes,
            PlanPriceReplicaRepository planPrices) {
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.ratings = ratings;
        this.boxes = boxes;
        this.planPrices = planPrices;
    }

    SubscriptionReplicaRepository subscriptions() {
        return subscriptions;
    }

    /** The members a run of the cycle can box, whichever page they fall in. */
    long total(YearMonth cycle) {
        return subscriptions.countIn(cycle, null, null, null);
    }

    /** The page of {@code read} (in member id order), {@code membersAfter} members still to read after it. */
    CurationPages.Page load(YearMonth cycle, List<SubscriptionReplica> read, long membersAfter) {
        List<UUID> ids = read.stream().map(s -> s.memberId).toList();
        Set<UUID> boxed = new HashSet<>(boxes.boxedMembers(ids, cycle.toString()));
        Map<UUID, PreferenceReplica> preferences =
                this.preferences.ofMembers(ids).stream().collect(Collectors.toMap(p -> p.memberId, p -> p));
        Map<UUID, Map<UUID, Integer>> ratings = new HashMap<>();
        this.ratings
                .ofMembers(ids)
                .forEach(r -> ratings.computeIfAbsent(r.key.memberId(), m -> new HashMap<>())
                        .put(r.key.productId(), r.stars));
        Map<UUID, Set<UUID>> recent = new HashMap<>();
        boxes.liveOf(ids, CurationMembers.recentCycles(cycle))
                .forEach(b -> b.items.forEach(i ->
                        recent.computeIfAbsent(b.memberId, m -> new HashSet<>()).add(i.productId())));
        Map<String, Optional<PlanPriceReplica>> prices = new HashMap<>();

        List<CurationMember> members = new ArrayList<>();
        Map<String, Integer> skipped = new HashMap<>();
        Map<UUID, BoxTerms> terms = new HashMap<>();
        for (SubscriptionReplica s : read) {
            // Only members the cycle's run can box were read (SubscriptionReplicaRepository.page).
            PreferenceReplica p = preferences.get(s.memberId);
            if (boxed.contains(s.memberId)) {
                skipped.merge(CurationPages.alreadyBoxed(cycle), 1, Integer::sum);
            } else if (!CurationMembers.canVouch(p, s)) {
                // Fail closed: unknown allergies are never "none". The next run picks the member up.
                skipped.merge(CurationMembers.WAITING_FOR_PREFERENCES, 1, Integer::sum);
            } else {
                members.add(new CurationMember(
                        s.memberId,
                        s.itemsPerBox,
                        Set.copyOf(p.allergens),
                        Set.copyOf(p.dietaryTags),
                        Set.copyOf(p.likedCategories),
                        Set.copyOf(p.dislikedCategories),
                        ratings.getOrDefault(s.memberId, Map.of()),
                        recent.getOrDefault(s.memberId, Set.of())));
                Optional<PlanPriceReplica> price =
                        prices.computeIfAbsent(s.planId, plan -> planPrices.inForce(plan, cycle));
                terms.put(s.memberId, BoxTerms.of(s, cycle, price, p.version));
            }
        }
        return new CurationPages.Page(members, terms, skipped, read.size(), membersAfter);
    }
}
