package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.domain.Plan;
import com.dcbeacon.member.domain.PlanPriceChange;
import com.dcbeacon.member.domain.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
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
     * What {@code GET /api/members/{id}/subscription} shows, read together: the current subscription as {@link
     * #findCurrent} chooses it, its plan, every price change of that plan, and the member's newest box preview.
     */
    public record CurrentRead(
            Subscription subscription,
            Plan plan,
            List<PlanPriceChange> priceChanges,
            Optional<NewestPreview> newestPreview) {}

    /**
     * Of the member's newest preview of a box (BOX_PREVIEW or BOX_CHANGED, newest created, then highest revision,
     * whatever its mail's state), what its change window needs.
     */
    public record NewestPreview(UUID boxId, Integer boxRevision, MailStatus mailStatus, OffsetDateTime mailSentAt) {}

    /**
     * For reading only, in one statement: {@link CurrentRead}, empty when the member never subscribed. One statement is
     * one snapshot in PostgreSQL, so the subscription, its plan's prices and the preview are of one committed state
     * without a transaction around it; nothing is snapshotted or checked for changes (read-only). One row per
     * subscription of the member and price change of its plan (a member has a few of each). The preview's two kinds are
     * two parameters, not one list: with a list Hibernate rendered the SQL again on every call, a sixth of the read's
     * time. The read path of {@code GET /api/members/{id}/subscription} (docs/benchmarks.md, "One statement, no
     * transaction").
     */
    public Optional<CurrentRead> readCurrent(UUID memberId) {
        List<Object[]> rows = getEntityManager()
                .createQuery("""
                        select s, p, c, n.id, n.boxId, n.boxRevision, n.mailStatus, n.mailSentAt
                        from Subscription s
                        join Plan p on p.id = s.planId
                        left join PlanPriceChange c on c.planId = s.planId
                        left join Notification n on n.id = (
                            select newest.id from Notification newest
                            where newest.memberId = ?1 and newest.kind in (?2, ?3)
                            order by newest.createdAt desc, newest.boxRevision desc
                            limit 1)
                        where s.memberId = ?1""", Object[].class)
                .setParameter(1, memberId)
                .setParameter(2, Notification.Kind.BOX_PREVIEW)
                .setParameter(3, Notification.Kind.BOX_CHANGED)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        Optional<Object[]> currentRow =
                rows.stream().max(Comparator.comparing((Object[] r) -> (Subscription) r[0], CURRENT));
        if (currentRow.isEmpty()) {
            return Optional.empty();
        }
        Subscription current = (Subscription) currentRow.get()[0];
        List<PlanPriceChange> changes = rows.stream()
                .filter(row -> row[0] == current && row[2] != null)
                .map(row -> (PlanPriceChange) row[2])
                .toList();
        Object[] row = currentRow.get();
        Optional<NewestPreview> preview = row[3] == null
                ? Optional.empty()
                : Optional.of(new NewestPreview(
                        (UUID) row[4], (Integer) row[5], (MailStatus) row[6], (OffsetDateTime) row[7]));
        return Optional.of(new CurrentRead(current, (Plan) row[1], changes, preview));
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
