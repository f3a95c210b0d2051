package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A member's profile as curation sees it, only when box-service can vouch for it. Preferences (allergens, diets) travel
 * on their own topic, so they may arrive after the subscription event that makes the member eligible; until the replica
 * holds preferences at least as new as member-service had when it wrote the member's latest subscription event, the
 * member's allergies are unknown, and unknown is never "none": the member waits.
 */
@ApplicationScoped
public class CurationMembers {

    private final SubscriptionReplicaRepository subscriptions;
    private final PreferenceReplicaRepository preferences;
    private final MemberRatingRepository ratings;
    private final BoxRepository boxes;

    public CurationMembers(
            SubscriptionReplicaRepository subscriptions,
            PreferenceReplicaRepository preferences,
            MemberRatingRepository ratings,
            BoxRepository boxes) {
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.ratings = ratings;
        this.boxes = boxes;
    }

    /** Why a member waits, as shown in a run's {@code membersSkipped} and the waiting list. */
    public static final String WAITING_FOR_PREFERENCES =
            "waiting for preferences: allergens and diets not yet received";

    /** True when the replica holds the member's preferences at least at the version their subscription requires. */
    public static boolean canVouch(PreferenceReplica preferences, SubscriptionReplica subscription) {
        return preferences != null
                && preferences.version >= (subscription == null ? 0 : subscription.preferencesVersionRequired);
    }

    /** The cycles whose items count as "received recently" for a box of {@code cycle}: the three before it. */
    public static List<String> recentCycles(YearMonth cycle) {
        return List.of(
                cycle.minusMonths(1).toString(),
                cycle.minusMonths(2).toString(),
                cycle.minusMonths(3).toString());
    }

    /** The member's profile for a box of {@code cycle}, or empty when box-service cannot vouch for their allergies. */
    public Optional<CurationMember> vouched(UUID memberId, String cycle, int items) {
        PreferenceReplica p = preferences.findById(memberId);
        if (!canVouch(p, subscriptions.findById(memberId))) {
            return Optional.empty();
        }
        Map<UUID, Integer> stars = new HashMap<>();
        ratings.ofMember(memberId).forEach(r -> stars.put(r.key.productId(), r.stars));
        Set<UUID> recent = new HashSet<>();
        boxes.liveOf(List.of(memberId), recentCycles(YearMonth.parse(cycle)))
                .forEach(b -> b.items.forEach(i -> recent.add(i.productId())));
        return Optional.of(new CurationMember(
                memberId,
                items,
                Set.copyOf(p.allergens),
                Set.copyOf(p.dietaryTags),
                Set.copyOf(p.likedCategories),
                Set.copyOf(p.dislikedCategories),
                stars,
                recent));
    }

    /** A member curation waits for: preferences at {@code requiredVersion} needed, {@code heldVersion} held (null: none). */
    public record Waiting(UUID memberId, long requiredVersion, Long heldVersion, String reason) {}

    /** Every member with a live subscription box-service cannot vouch for yet. */
    public List<Waiting> waiting() {
        return subscriptions.waitingForPreferences().stream()
                .map(r -> new Waiting((UUID) r[0], (Long) r[1], (Long) r[2], WAITING_FOR_PREFERENCES))
                .toList();
    }

    /** As {@link #vouched}, or 409 saying why the member's box cannot change yet. */
    public CurationMember require(UUID memberId, String cycle, int items) {
        return vouched(memberId, cycle, items)
                .orElseThrow(() -> ProblemException.conflict(
                        "this member's allergens and diets have not reached box curation yet, so the box cannot be changed safely;"
                                + " try again in a moment"));
    }
}
