package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.domain.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernateHints;

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
     * For reading only: the current subscription as {@link #findCurrent} chooses it, with its plan loaded by the same
     * query (so {@code PlanCatalogue} finds it in the session), read-only: nothing is snapshotted or checked for changes
     * at commit. The read path of {@code GET /api/members/{id}/subscription} (docs/benchmarks.md, "The read path").
     */
    public Optional<Subscription> readCurrent(UUID memberId) {
        return getEntityManager()
                .createQuery(
                        "select s, p from Subscription s join Plan p on p.id = s.planId where s.memberId = ?1",
                        Object[].class)
                .setParameter(1, memberId)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream()
                .map(row -> (Subscription) row[0])
                .max(CURRENT);
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

    /**
     * Up to {@code limit} subscriptions paused with an end before {@code cycle}, row-locked; rows another transaction
     * holds are skipped, so instances running the same job never take the same subscription.
     */
    @SuppressWarnings("unchecked")
    public List<Subscription> lockPausesEndedBefore(YearMonth cycle, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        select * from subscription
                        where status = 'PAUSED' and paused_until is not null and paused_until < ?1
                        order by paused_until, id
                        limit ?2
                        for update skip locked""", Subscription.class)
                .setParameter(1, cycle.toString())
                .setParameter(2, limit)
                .getResultList();
    }

    /**
     * Up to {@code limit} subscriptions paused with a last paused cycle from {@code from} to before {@code before} and
     * no notification of {@code kind} about their pause yet, row-locked as in {@link #lockPausesEndedBefore}.
     */
    public List<Subscription> lockPausesUntilWithout(
            YearMonth from, YearMonth before, Notification.Kind kind, int limit) {
        return lockUntilWithout(Ending.PAUSE, from, before, kind, limit);
    }

    /**
     * Up to {@code limit} open gift subscriptions whose last cycle is before {@code cycle} and whose boxes are all done:
     * no box of a gift cycle still open (curated, not shipped or withdrawn), and either a box of the last cycle was
     * reported or the last cycle is before {@code unseenBefore} (its box never came within the grace). Row-locked, skip
     * locked.
     */
    @SuppressWarnings("unchecked")
    public List<Subscription> lockGiftsEndedBefore(YearMonth cycle, YearMonth unseenBefore, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        select * from subscription s
                        where s.gift_id is not null and s.status <> 'CANCELLED' and s.gift_last_cycle < ?1
                          and not exists (select 1 from gift_box b where b.gift_id = s.gift_id and b.open)
                          and (s.gift_last_cycle < ?2
                               or exists (select 1 from gift_box b
                                          where b.gift_id = s.gift_id and b.cycle = s.gift_last_cycle))
                        order by s.gift_last_cycle, s.id
                        limit ?3
                        for update of s skip locked""", Subscription.class)
                .setParameter(1, cycle.toString())
                .setParameter(2, unseenBefore.toString())
                .setParameter(3, limit)
                .getResultList();
    }

    /**
     * Up to {@code limit} open gift subscriptions whose last cycle is from {@code from} to before {@code before}, with
     * no notification of {@code kind} about their gift yet, row-locked as in {@link #lockGiftsEndedBefore}.
     */
    public List<Subscription> lockGiftsUntilWithout(
            YearMonth from, YearMonth before, Notification.Kind kind, int limit) {
        return lockUntilWithout(Ending.GIFT, from, before, kind, limit);
    }

    /**
     * What ends in a cycle a notice is sent ahead of: a pause (its last paused cycle, told once per pause) or a gift (its
     * last cycle, told once per gift). SQL fragments of constants only.
     */
    private enum Ending {
        PAUSE("s.status = 'PAUSED' and s.pause_id is not null", "s.paused_until", "s.pause_id"),
        GIFT("s.gift_id is not null and s.status <> 'CANCELLED'", "s.gift_last_cycle", "s.gift_id");

        final String which;
        final String lastCycle;
        final String source;

        Ending(String which, String lastCycle, String source) {
            this.which = which;
            this.lastCycle = lastCycle;
            this.source = source;
        }
    }

    /**
     * Up to {@code limit} subscriptions whose {@code ending} falls in a cycle from {@code from} to before {@code before}
     * with no notification of {@code kind} about it yet, oldest first, row-locked; rows another transaction holds are
     * skipped.
     */
    @SuppressWarnings("unchecked")
    private List<Subscription> lockUntilWithout(
            Ending ending, YearMonth from, YearMonth before, Notification.Kind kind, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        select * from subscription s
                        where %1$s
                          and %2$s >= ?1 and %2$s < ?2
                          and not exists (select 1 from notification n where n.kind = ?3 and n.source_id = %3$s)
                        order by %2$s, s.id
                        limit ?4
                        for update of s skip locked""".formatted(ending.which, ending.lastCycle, ending.source), Subscription.class)
                .setParameter(1, from.toString())
                .setParameter(2, before.toString())
                .setParameter(3, kind.name())
                .setParameter(4, limit)
                .getResultList();
    }
}
