package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    /** Of one member's subscriptions the greatest is the current one: the open one, else the last started. */
    private static final Comparator<Subscription> CURRENT =
            Comparator.<Subscription, Boolean>comparing(Subscription::isOpen).thenComparing(s -> s.startedAt);

    public Optional<Subscription> findOpen(UUID memberId) {
        return find("memberId = ?1 and status <> com.dcbeacon.member.domain.SubscriptionStatus.CANCELLED", memberId)
                .firstResultOptional();
    }

    /** The open subscription, else the most recently cancelled one. */
    public Optional<Subscription> findCurrent(UUID memberId) {
        return forMember(memberId).stream().max(CURRENT);
    }

    /**
     * Per member (of those with any) the current subscription as {@link #findCurrent} chooses it, in one query, every
     * subscription row of these members locked until the transaction ends.
     */
    public Map<UUID, Subscription> lockCurrent(Collection<UUID> memberIds) {
        return find("memberId in ?1", memberIds).withLock(LockModeType.PESSIMISTIC_WRITE).stream()
                .collect(Collectors.toMap(
                        s -> s.memberId, Function.identity(), (a, b) -> CURRENT.compare(a, b) >= 0 ? a : b));
    }

    /** Every subscription the member ever had, in no particular order. */
    public List<Subscription> forMember(UUID memberId) {
        return list("memberId", memberId);
    }

    /** The subscriptions on the plan that are not cancelled (active or paused). */
    public List<Subscription> openOnPlan(String planId) {
        return list("planId = ?1 and status <> com.dcbeacon.member.domain.SubscriptionStatus.CANCELLED", planId);
    }

    /** Deletes every subscription of the member (erasure); answers how many. */
    public long deleteForMember(UUID memberId) {
        return delete("memberId", memberId);
    }
}
