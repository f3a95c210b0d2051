package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.ConsentRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ConsentRecordRepository implements PanacheRepositoryBase<ConsentRecord, UUID> {

    private static final String BY_MEMBER = "memberId = ?1 order by recordedAt, id";
    private static final String BY_KEY = "memberKey = ?1 order by recordedAt, id";

    /** Every record of the member, oldest first (the data export). */
    public List<ConsentRecord> forMember(UUID memberId) {
        return list(BY_MEMBER, memberId);
    }

    public List<ConsentRecord> forMember(UUID memberId, int page, int size) {
        return find(BY_MEMBER, memberId).page(Page.of(page, size)).list();
    }

    public long countForMember(UUID memberId) {
        return count("memberId", memberId);
    }

    /** Records by the pseudonymous key, also those of an erased member, oldest first. */
    public List<ConsentRecord> forMemberKey(String memberKey, int page, int size) {
        return find(BY_KEY, memberKey).page(Page.of(page, size)).list();
    }

    public long countForMemberKey(String memberKey) {
        return count("memberKey", memberKey);
    }

    /** Subscriptions with a record on the plan before {@code before}: who may have been on it then. */
    public List<UUID> subscriptionsWithRecordOnPlanBefore(String planId, OffsetDateTime before) {
        return getEntityManager()
                .createQuery(
                        "select distinct c.subscriptionId from ConsentRecord c where c.planId = ?1 and c.recordedAt < ?2"
                                + " and c.subscriptionId is not null",
                        UUID.class)
                .setParameter(1, planId)
                .setParameter(2, before)
                .getResultList();
    }

    /** The subscription's latest record before {@code before}: what it stood at then. */
    public Optional<ConsentRecord> latestBefore(UUID subscriptionId, OffsetDateTime before) {
        return find("subscriptionId = ?1 and recordedAt < ?2 order by recordedAt desc, id desc", subscriptionId, before)
                .firstResultOptional();
    }

    /** Erasure: clears the member id and the member's own actor id; answers how many records were pseudonymised. */
    public int pseudonymise(UUID memberId, OffsetDateTime now) {
        return getEntityManager()
                .createQuery("update ConsentRecord c set c.memberId = null, c.pseudonymisedAt = ?2,"
                        + " c.actorId = case when c.actorId = ?3 then null else c.actorId end where c.memberId = ?1")
                .setParameter(1, memberId)
                .setParameter(2, now)
                .setParameter(3, memberId.toString())
                .executeUpdate();
    }

    /**
     * Deletes the records past retention: those of subscriptions that are not open (cancelled, or gone with an
     * erasure) and whose every record is older than {@code cutoff}. Answers how many.
     */
    public int deletePastRetention(OffsetDateTime cutoff) {
        return getEntityManager().createNativeQuery("""
                        delete from consent_record c
                        where c.recorded_at < ?1
                          and not exists (select 1 from consent_record n
                                          where n.subscription_id = c.subscription_id and n.recorded_at >= ?1)
                          and not exists (select 1 from subscription s
                                          where s.id = c.subscription_id and s.status <> 'CANCELLED')""").setParameter(1, cutoff).executeUpdate();
    }
}
