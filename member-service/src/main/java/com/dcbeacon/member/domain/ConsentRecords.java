package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.ConsentRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the records of consent: one per action that changes what a member is charged, written in the caller's
 * transaction, so an action without its record never commits. Read by the member and ops a page at a time, exported
 * with the member's data, pseudonymised on erasure.
 */
@ApplicationScoped
public class ConsentRecords {

    public record Page(List<ConsentRecord> records, long totalRecords) {}

    private final ConsentRecordRepository records;

    public ConsentRecords(ConsentRecordRepository records) {
        this.records = records;
    }

    /**
     * Records a consent to {@code action} on {@code subscription}, at the price of {@code plan} as shown in {@code
     * terms}; runs in the caller's transaction.
     */
    public ConsentRecord record(
            ConsentAction action,
            Subscription subscription,
            PlanCatalogue.PricedPlan plan,
            YearMonth firstCycle,
            String terms,
            ConsentChannel.Origin origin,
            OffsetDateTime at) {
        ConsentRecord r = newRecord(subscription.memberId, action, plan.plan(), plan.priceCents(), terms, origin, at);
        r.subscriptionId = subscription.id;
        r.billingCycle = ConsentTerms.BILLING_CYCLE;
        r.firstCycle = firstCycle == null ? null : firstCycle.toString();
        records.persist(r);
        return r;
    }

    /**
     * Records the buyer's consent to a gift: its whole price ({@link Gift#totalCents}), paid once ({@link
     * ConsentTerms#GIFT_BILLING}), as shown in {@code terms}; {@code sourceId} names the gift. Caller's transaction.
     */
    public ConsentRecord recordGift(
            Gift gift, Plan plan, String terms, ConsentChannel.Origin origin, OffsetDateTime at) {
        ConsentRecord r =
                newRecord(gift.buyerId, ConsentAction.GIFT_PURCHASE, plan, gift.totalCents, terms, origin, at);
        r.sourceId = gift.id;
        r.billingCycle = ConsentTerms.GIFT_BILLING;
        r.firstCycle = gift.startCycle;
        records.persist(r);
        return r;
    }

    private static ConsentRecord newRecord(
            UUID memberId,
            ConsentAction action,
            Plan plan,
            long priceCents,
            String terms,
            ConsentChannel.Origin origin,
            OffsetDateTime at) {
        ConsentRecord r = new ConsentRecord();
        r.id = UUID.randomUUID();
        r.memberId = memberId;
        r.memberKey = ErasureRequest.memberRef(memberId);
        r.action = action;
        r.planId = plan.id;
        r.priceCents = priceCents;
        r.currency = plan.currency;
        r.termsVersion = ConsentTerms.VERSION;
        r.termsText = terms;
        r.channel = origin.channel();
        r.actorId = origin.actorId();
        r.recordedAt = at;
        return r;
    }

    public Page forMember(UUID memberId, int page, int size) {
        return new Page(records.forMember(memberId, page, size), records.countForMember(memberId));
    }

    public Page forMemberKey(String memberKey, int page, int size) {
        return new Page(records.forMemberKey(memberKey, page, size), records.countForMemberKey(memberKey));
    }

    /** Every record of the member, oldest first; runs in the caller's transaction. */
    public List<ConsentRecord> all(UUID memberId) {
        return records.forMember(memberId);
    }

    /** Erasure: keeps what the law requires without the member's identity; runs in the caller's transaction. */
    public int pseudonymise(UUID memberId, OffsetDateTime now) {
        return records.pseudonymise(memberId, now);
    }
}
