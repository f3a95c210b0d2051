package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.curation.CurationMember;
import io.quarkus.panache.common.Sort;
import java.nio.charset.StandardCharsets;
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
 * A cycle's subscription replicas, read a page at a time with what curation needs of exactly those members: their
 * preferences, ratings, items of their boxes of the three previous cycles, and whether they already have a box for the
 * cycle. Pages follow the member id order (keyset, so a page costs the same wherever it is), starting at an id derived
 * from the cycle and wrapping around, so the members of the first page (who see every product's stock first) change
 * from cycle to cycle. Each {@link #next} runs inside the caller's transaction and holds nothing afterwards.
 */
final class CurationPages {

    /** Reason in {@code membersSkipped} for a member boxed by an earlier run or attempt. */
    static String alreadyBoxed(YearMonth cycle) {
        return "already has a box for " + cycle;
    }

    /** One page: profiles and terms of the members who may get a box, and why the others do not. */
    record Page(List<CurationMember> members, Map<UUID, CurationRuns.Terms> terms, Map<String, Integer> skipped, int read,
            long membersAfter) {
    }

    private final YearMonth cycle;
    private final int size;
    private final UUID start;
    private UUID after;
    private boolean wrapped;
    private boolean done;

    /** @param size members per page (≥ 1) */
    CurationPages(YearMonth cycle, int size) {
        this.cycle = cycle;
        this.size = Math.max(1, size);
        this.start = startOf(cycle);
    }

    /** Where a cycle's pages start: fixed for the cycle (a resumed run reads in the same order), different across cycles. */
    static UUID startOf(YearMonth cycle) {
        return UUID.nameUUIDFromBytes(("curation pages " + cycle).getBytes(StandardCharsets.UTF_8));
    }

    /** Every subscription replica, whichever page it falls in. */
    static long total() {
        return SubscriptionReplica.count();
    }

    /** The next page, or empty once every subscription was read. */
    Optional<Page> next() {
        while (!done) {
            List<SubscriptionReplica> read = readIds();
            if (read.isEmpty()) {
                if (wrapped) {
                    done = true;
                } else {
                    wrapped = true;
                    after = null;
                }
                continue;
            }
            after = read.get(read.size() - 1).memberId;
            return Optional.of(profiles(read));
        }
        return Optional.empty();
    }

    private List<SubscriptionReplica> readIds() {
        Sort byMember = Sort.by("memberId");
        var query = wrapped
                ? (after == null ? SubscriptionReplica.<SubscriptionReplica>find("memberId < ?1", byMember, start)
                        : SubscriptionReplica.<SubscriptionReplica>find("memberId > ?1 and memberId < ?2", byMember, after, start))
                : (after == null ? SubscriptionReplica.<SubscriptionReplica>find("memberId >= ?1", byMember, start)
                        : SubscriptionReplica.<SubscriptionReplica>find("memberId > ?1", byMember, after));
        return query.range(0, size - 1).list();
    }

    /** Members not yet read: after the keyset position, in the wrapped order. */
    private long membersAfter() {
        return wrapped
                ? SubscriptionReplica.count("memberId > ?1 and memberId < ?2", after, start)
                : SubscriptionReplica.count("memberId > ?1", after) + SubscriptionReplica.count("memberId < ?1", start);
    }

    private Page profiles(List<SubscriptionReplica> read) {
        List<UUID> ids = read.stream().map(s -> s.memberId).toList();
        Set<UUID> boxed = new HashSet<>(Box.getEntityManager().createQuery(
                "select b.memberId from Box b where b.memberId in ?1 and b.cycle = ?2 and b.status <> ?3", UUID.class)
                .setParameter(1, ids).setParameter(2, cycle.toString()).setParameter(3, Box.WITHDRAWN).getResultList());
        Map<UUID, PreferenceReplica> preferences = PreferenceReplica.<PreferenceReplica>list("memberId in ?1", ids).stream()
                .collect(Collectors.toMap(p -> p.memberId, p -> p));
        Map<UUID, Map<UUID, Integer>> ratings = new HashMap<>();
        MemberRating.<MemberRating>list("key.memberId in ?1", ids).forEach(r ->
                ratings.computeIfAbsent(r.key.memberId(), m -> new HashMap<>()).put(r.key.productId(), r.stars));
        Map<UUID, Set<UUID>> recent = new HashMap<>();
        Box.<Box>list("memberId in ?1 and cycle in ?2 and status <> ?3", ids, CurationMembers.recentCycles(cycle), Box.WITHDRAWN)
                .forEach(b -> b.items.forEach(i -> recent.computeIfAbsent(b.memberId, m -> new HashSet<>()).add(i.productId())));
        Map<String, Optional<PlanPriceReplica>> prices = new HashMap<>();

        List<CurationMember> members = new ArrayList<>();
        Map<String, Integer> skipped = new HashMap<>();
        Map<UUID, CurationRuns.Terms> terms = new HashMap<>();
        for (SubscriptionReplica s : read) {
            BoxEligibility.Subscription subscription = new BoxEligibility.Subscription(
                    BoxEligibility.Status.valueOf(s.status), s.pausedUntil, Set.copyOf(s.skippedCycles));
            PreferenceReplica p = preferences.get(s.memberId);
            if (!BoxEligibility.receivesBox(subscription, cycle)) {
                skipped.merge(skipReason(subscription), 1, Integer::sum);
            } else if (boxed.contains(s.memberId)) {
                skipped.merge(alreadyBoxed(cycle), 1, Integer::sum);
            } else if (!CurationMembers.canVouch(p, s)) {
                // Fail closed: unknown allergies are never "none". The next run picks the member up.
                skipped.merge(CurationMembers.WAITING_FOR_PREFERENCES, 1, Integer::sum);
            } else {
                members.add(new CurationMember(s.memberId, s.itemsPerBox, Set.copyOf(p.allergens), Set.copyOf(p.dietaryTags),
                        Set.copyOf(p.likedCategories), Set.copyOf(p.dislikedCategories),
                        ratings.getOrDefault(s.memberId, Map.of()), recent.getOrDefault(s.memberId, Set.of())));
                Optional<PlanPriceReplica> price = prices.computeIfAbsent(s.planId, plan -> PlanPriceReplica.inForce(plan, cycle));
                terms.put(s.memberId, CurationRuns.Terms.of(s, price, p.version));
            }
        }
        return new Page(members, terms, skipped, read.size(), membersAfter());
    }

    private String skipReason(BoxEligibility.Subscription s) {
        return switch (s.status()) {
            case CANCELLED -> "cancelled";
            case PAUSED -> "paused";
            case ACTIVE -> "skipping " + cycle;
        };
    }
}
