package com.dcbeacon.member.domain;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Re-announces members so that other services can rebuild a lost or corrupted replica after the topics' retention
 * removed the events it was built from: per member a {@code MemberStateAnnounced} (member-events) with everything the
 * replicas hold, and the current {@code MemberPreferencesChanged} (member-preferences) with its version. Erased members
 * are gone from this service's tables, so they are never announced.
 *
 * <p>Members go in pages ordered by id, one transaction per page, so that neither the whole membership nor its events
 * sit in one transaction or in memory. A page locks its members' and subscriptions' rows: a change of one of them
 * either commits before the page reads it (and its event precedes the announcement in the outbox) or waits for the
 * page to commit (and follows it), so an announcement is never older than an event behind it.
 */
@ApplicationScoped
public class MemberStateAnnouncements {

    static final int PAGE_SIZE = 200;

    private final EntityManager em;
    private final Plans plans;
    private final Outbox outbox;

    public MemberStateAnnouncements(EntityManager em, Plans plans, Outbox outbox) {
        this.em = em;
        this.plans = plans;
        this.outbox = outbox;
    }

    /** Announces every member; answers how many. */
    public int announceAll() {
        int announced = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> page = QuarkusTransaction.requiringNew().call(() -> announcePage(from));
            announced += page.size();
            if (page.size() < PAGE_SIZE) {
                return announced;
            }
            after = page.get(page.size() - 1);
        }
    }

    /** Announces one member; 404 when there is no such member (never was, or erased). */
    public int announce(UUID memberId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Member member = em.find(Member.class, memberId, LockModeType.PESSIMISTIC_WRITE);
            if (member == null) {
                throw ProblemException.notFound("no member " + memberId);
            }
            announce(List.of(member));
            return 1;
        });
    }

    private List<UUID> announcePage(UUID after) {
        List<Member> members = (after == null
                ? em.createQuery("select m from Member m order by m.id", Member.class)
                : em.createQuery("select m from Member m where m.id > :after order by m.id", Member.class)
                        .setParameter("after", after))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(PAGE_SIZE)
                .getResultList();
        announce(members);
        return members.stream().map(m -> m.id).toList();
    }

    private void announce(List<Member> members) {
        if (members.isEmpty()) {
            return;
        }
        Map<UUID, Subscription> current = currentSubscriptions(members.stream().map(m -> m.id).toList());
        Map<String, Plans.PricedPlan> priced = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Member member : members) {
            Subscription s = current.get(member.id);
            MemberStateAnnounced.Subscription subscription = s == null ? null : subscription(s,
                    priced.computeIfAbsent(s.planId, planId -> plans.priced(planId, Plans.today())));
            outbox.publish(EventType.MEMBER_STATE_ANNOUNCED, member.id.toString(), new MemberStateAnnounced(member.id,
                    member.shippingAddress.country(), member.registeredAt, member.marketingEmails, member.surveys,
                    member.preferencesVersion, subscription, now));
            outbox.publish(EventType.MEMBER_PREFERENCES_CHANGED, member.id.toString(), new MemberPreferencesChanged(member.id,
                    member.allergens, member.dietaryTags, member.likedCategories, member.dislikedCategories,
                    member.sensitiveDataConsent, now, member.preferencesVersion));
        }
    }

    /** Per member the open subscription, else the most recently cancelled one (as {@code SubscriptionRepository.findCurrent}). */
    private Map<UUID, Subscription> currentSubscriptions(List<UUID> memberIds) {
        Comparator<Subscription> current = Comparator.<Subscription, Boolean>comparing(Subscription::isOpen)
                .thenComparing(s -> s.startedAt);
        return em.createQuery("select s from Subscription s where s.memberId in :members", Subscription.class)
                .setParameter("members", memberIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .collect(Collectors.toMap(s -> s.memberId, Function.identity(),
                        (a, b) -> current.compare(a, b) >= 0 ? a : b));
    }

    private static MemberStateAnnounced.Subscription subscription(Subscription s, Plans.PricedPlan plan) {
        return new MemberStateAnnounced.Subscription(s.id, s.status.name(), s.planId, plan.plan().itemsPerBox,
                plan.priceCents(), plan.plan().currency, s.pausedUntil, List.copyOf(s.skippedCycles));
    }
}
