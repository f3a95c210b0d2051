package com.dcbeacon.box.persistence;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.SubscriptionReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

@ApplicationScoped
public class SubscriptionReplicaRepository implements PanacheRepositoryBase<SubscriptionReplica, UUID> {

    /**
     * The member's subscription replica, or a new one holding only the member id, not yet persisted: the caller fills
     * it and persists it.
     */
    public SubscriptionReplica findOrNew(UUID memberId) {
        return findByIdOptional(memberId).orElseGet(() -> {
            SubscriptionReplica created = new SubscriptionReplica();
            created.memberId = memberId;
            return created;
        });
    }

    /**
     * The replicas of the members, read-only: a curation page reads them and never changes them, so they are neither
     * copied for nor compared at each flush of the page's transaction.
     */
    public List<SubscriptionReplica> ofMembers(Collection<UUID> memberIds) {
        return find("memberId in ?1", memberIds)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list();
    }

    /** Paused through {@code :cycle}: paused with no end, or a pause ending ({@code YYYY-MM}) in that cycle or later. */
    private static final String PAUSED_THROUGH_CYCLE =
            "(case when paused_until is null then status = 'PAUSED' else paused_until >= :cycle collate \"C\" end)";

    /**
     * The members a run of {@code :cycle} can box, as SQL: what {@link BoxEligibility#receivesBox} decides, for every
     * member at once. The one predicate by which a run's pages select their members and by which it counts them (its
     * total, the members still to read after a page, each shard's members): cancelled, paused or skipping members are
     * neither read nor counted, so they never dilute a page's or a shard's fair share.
     */
    private static final String BOXABLE = """
            status <> 'CANCELLED'
            and not %s
            and not skipped_cycles @> jsonb_build_array(cast(:cycle as text))""".formatted(PAUSED_THROUGH_CYCLE);

    /**
     * Up to {@code size} replicas a run of the cycle can box ({@link #BOXABLE}), in member id order, whose id is at least
     * {@code atLeast}, above {@code after} and below {@code below} (each null: no such bound). Keyset paging: a page
     * costs the same wherever it is.
     */
    @SuppressWarnings("unchecked")
    public List<SubscriptionReplica> page(YearMonth cycle, UUID atLeast, UUID after, UUID below, int size) {
        return page("select * from subscription_replica where true", cycle, atLeast, after, below, size);
    }

    /**
     * As {@link #page}, among the members without a live box for the cycle: what a pass over the members a run left
     * boxless reads, without reading again every member the run boxed.
     */
    public List<SubscriptionReplica> pageWithoutBox(YearMonth cycle, UUID atLeast, UUID after, UUID below, int size) {
        return page(
                "select * from subscription_replica s where not exists (select 1 from box b"
                        + " where b.member_id = s.member_id and b.cycle = cast(:cycle as text)"
                        + " and b.status <> 'WITHDRAWN')",
                cycle,
                atLeast,
                after,
                below,
                size);
    }

    @SuppressWarnings("unchecked")
    private List<SubscriptionReplica> page(
            String select, YearMonth cycle, UUID atLeast, UUID after, UUID below, int size) {
        return bounded(
                        select,
                        cycle,
                        atLeast,
                        after,
                        below,
                        " order by member_id limit " + Math.max(1, size),
                        SubscriptionReplica.class)
                .getResultList();
    }

    /**
     * Replicas a run of the cycle can box ({@link #BOXABLE}) whose member id is at least {@code atLeast}, above
     * {@code after} and below {@code below} (null: no such bound).
     */
    public long countIn(YearMonth cycle, UUID atLeast, UUID after, UUID below) {
        return ((Number) bounded(
                                "select count(*) from subscription_replica where true",
                                cycle,
                                atLeast,
                                after,
                                below,
                                "",
                                null)
                        .getSingleResult())
                .longValue();
    }

    /**
     * Members of the replicas a run of the cycle cannot box (not {@link #BOXABLE}), by reason as a run reports it in
     * {@code membersSkipped}: {@code cancelled}, {@code paused} (paused through the cycle), {@code skipping YYYY-MM}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Integer> notBoxable(YearMonth cycle) {
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("select case when status = 'CANCELLED' then 'cancelled'"
                        + " when " + PAUSED_THROUGH_CYCLE + " then 'paused'"
                        + " else 'skipping ' || cast(:cycle as text) end, count(*)"
                        + " from subscription_replica where not (" + BOXABLE + ") group by 1")
                .setParameter("cycle", cycle.toString())
                .getResultList();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        rows.forEach(row -> reasons.put((String) row[0], ((Number) row[1]).intValue()));
        return reasons;
    }

    /** {@code select}, ending in a condition, and {@link #BOXABLE} and the bounds. */
    private Query bounded(
            String select, YearMonth cycle, UUID atLeast, UUID after, UUID below, String tail, Class<?> entity) {
        StringBuilder sql = new StringBuilder(select).append(" and ").append(BOXABLE);
        Map<String, UUID> bounds = new LinkedHashMap<>();
        bounds.put(">= :atLeast", atLeast);
        bounds.put("> :after", after);
        bounds.put("< :below", below);
        bounds.forEach((condition, id) -> {
            if (id != null) {
                sql.append(" and member_id ").append(condition);
            }
        });
        sql.append(tail);
        Query query = entity == null
                ? getEntityManager().createNativeQuery(sql.toString())
                : getEntityManager().createNativeQuery(sql.toString(), entity);
        query.setParameter("cycle", cycle.toString());
        bounds.forEach((condition, id) -> {
            if (id != null) {
                query.setParameter(condition.substring(condition.indexOf(':') + 1), id);
            }
        });
        return query;
    }

    /**
     * Members with a live subscription whose preferences replica is missing or older than the subscription requires:
     * {@code [memberId, requiredVersion, heldVersion (null: none)]}, longest waiting first.
     */
    public List<Object[]> waitingForPreferences() {
        return getEntityManager()
                .createQuery("""
                select s.memberId, s.preferencesVersionRequired, p.version from SubscriptionReplica s
                left join PreferenceReplica p on p.memberId = s.memberId
                where s.status <> ?1 and (p.memberId is null or p.version < s.preferencesVersionRequired)
                order by s.updatedAt""", Object[].class)
                .setParameter(1, BoxEligibility.Status.CANCELLED)
                .getResultList();
    }
}
