package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.GiftRepository;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.ReferralRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * member-service's section of a data export: the member's profile, preferences, subscriptions, ledger and
 * notifications, records of consent and referrals, as one JSON object.
 */
@ApplicationScoped
public class MemberDataSection {

    private final SubscriptionRepository subscriptions;
    private final LedgerEntryRepository ledger;
    private final NotificationRepository notifications;
    private final ConsentRecords consents;
    private final ReferralRepository referrals;
    private final GiftRepository gifts;
    private final ObjectMapper mapper;

    public MemberDataSection(
            SubscriptionRepository subscriptions,
            LedgerEntryRepository ledger,
            NotificationRepository notifications,
            ConsentRecords consents,
            ReferralRepository referrals,
            GiftRepository gifts,
            ObjectMapper mapper) {
        this.gifts = gifts;
        this.consents = consents;
        this.referrals = referrals;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.notifications = notifications;
        this.mapper = mapper;
    }

    /** Runs in the caller's transaction. */
    public ObjectNode of(Member member) {
        ObjectNode section = mapper.createObjectNode();
        section.set(
                "profile",
                mapper.valueToTree(Map.of(
                        "id",
                        member.id,
                        "email",
                        member.email,
                        "name",
                        member.name,
                        "shippingAddress",
                        member.shippingAddress,
                        "registeredAt",
                        member.registeredAt)));
        ObjectNode preferences = mapper.createObjectNode();
        preferences.set("allergens", mapper.valueToTree(member.allergens));
        preferences.set("dietaryTags", mapper.valueToTree(member.dietaryTags));
        preferences.set("likedCategories", mapper.valueToTree(member.likedCategories));
        preferences.set("dislikedCategories", mapper.valueToTree(member.dislikedCategories));
        preferences.put("sensitiveDataConsent", member.sensitiveDataConsent);
        preferences.put("marketingEmails", member.marketingEmails);
        preferences.put("surveys", member.surveys);
        section.set("preferences", preferences);
        section.set(
                "subscriptions",
                mapper.valueToTree(subscriptions.forMember(member.id).stream()
                        .map(s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("id", s.id);
                            m.put("planId", s.planId);
                            m.put("status", s.status);
                            m.put("pausedUntil", s.pausedUntil);
                            m.put("skippedCycles", s.skippedCycles);
                            m.put("startedAt", s.startedAt);
                            m.put("cancelledAt", s.cancelledAt);
                            m.put("cancelReason", s.cancelReason);
                            m.put("giftId", s.giftId);
                            m.put("giftLastCycle", s.giftLastCycle);
                            return m;
                        })
                        .toList()));
        section.set("ledger", mapper.valueToTree(ledger.forMember(member.id)));
        section.set("notifications", mapper.valueToTree(notifications.forMember(member.id)));
        section.set(
                "consentRecords",
                mapper.valueToTree(consents.all(member.id).stream()
                        .map(ConsentRecordView::of)
                        .toList()));
        // The member's side only: never the other member's id or the referee's key.
        Map<String, Object> referral = new LinkedHashMap<>();
        referral.put("code", member.referralCode);
        referral.put(
                "referralsMade",
                referrals.madeBy(member.id).stream()
                        .map(MemberDataSection::referral)
                        .toList());
        referral.put(
                "referredBy",
                referrals.ofReferee(member.id).map(MemberDataSection::referral).orElse(null));
        section.set("referral", mapper.valueToTree(referral));
        // Gifts the member bought, as the buyer sees them: never the recipient.
        section.set(
                "giftsBought",
                mapper.valueToTree(gifts.boughtBy(member.id).stream()
                        .map(MemberDataSection::gift)
                        .toList()));
        return section;
    }

    private static Map<String, Object> gift(Gift g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("giftId", g.id);
        m.put("planId", g.planId);
        m.put("cycles", g.cycles);
        m.put("totalCents", g.totalCents);
        m.put("currency", g.currency);
        m.put("status", g.status);
        m.put("purchasedAt", g.purchasedAt);
        m.put("startCycle", g.startCycle);
        m.put("claimExpiresAt", g.claimExpiresAt);
        m.put("claimedAt", g.claimedAt);
        m.put("boxesShipped", g.boxesShipped);
        m.put("refundedAt", g.refundedAt);
        return m;
    }

    private static Map<String, Object> referral(Referral r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("referralId", r.id);
        m.put("status", r.status);
        m.put("referredAt", r.referredAt);
        m.put("creditedAt", r.creditedAt);
        m.put("reversedAt", r.reversedAt);
        return m;
    }
}
