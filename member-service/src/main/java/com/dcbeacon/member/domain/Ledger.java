package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A member's charges and credits. A shipped box is charged once, at the price it was curated for, and only if its cycle
 * was still wanted and its preview was mailed at least {@code dcbeacon.box-preview.lead} before it shipped
 * ({@link BoxChargePolicy}); a credit is booked once, and credits for a box never pass its charge
 * ({@link CreditCap}); the member is told of each credit booked. Runs inside the caller's transaction (the event
 * inbox, or an ops request).
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final LedgerEntryRepository entries;
    private final SubscriptionRepository subscriptions;
    private final PlanCatalogue plans;
    private final BoxNotices notices;
    private final MemberProfile profile;
    private final MeterRegistry registry;
    private final BoxPreviews previews;
    private final Referrals referrals;
    private final Gifts gifts;
    private final Duration previewLead;

    public Ledger(
            LedgerEntryRepository entries,
            SubscriptionRepository subscriptions,
            PlanCatalogue plans,
            BoxNotices notices,
            MemberProfile profile,
            MeterRegistry registry,
            BoxPreviews previews,
            Referrals referrals,
            Gifts gifts,
            @ConfigProperty(name = "dcbeacon.box-preview.lead", defaultValue = "P5D") Duration previewLead) {
        this.entries = entries;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.notices = notices;
        this.profile = profile;
        this.registry = registry;
        this.previews = previews;
        this.referrals = referrals;
        this.gifts = gifts;
        if (previewLead.isNegative()) {
            throw new IllegalArgumentException("dcbeacon.box-preview.lead cannot be negative: " + previewLead);
        }
        this.previewLead = previewLead;
    }

    public void charge(BoxShipped shipped) {
        UUID boxId = shipped.boxId();
        if (entries.booked(LedgerEntry.Type.CHARGE, boxId)
                || entries.booked(LedgerEntry.Type.COVERED, boxId)
                || notices.alreadyOnUs(boxId)) {
            LOG.infof("Box %s already charged or on us", boxId);
            return;
        }
        Subscription subscription = subscriptionOf(shipped).orElse(null);
        if (subscription == null) {
            LOG.warnf(
                    "Box %s shipped to member %s without a known subscription: not charged", boxId, shipped.memberId());
            notCharged("NO_SUBSCRIPTION");
            return;
        }
        YearMonth cycle = YearMonth.parse(shipped.cycle());
        Optional<BoxChargePolicy.NotWanted> notWanted =
                BoxChargePolicy.notWanted(subscription, cycle, shipped.shippedAt());
        if (notWanted.isPresent()) {
            LOG.infof("Box %s for %s shipped after the member's change (%s): on us", boxId, cycle, notWanted.get());
            notCharged(notWanted.get().name());
            notices.onUs(shipped.memberId(), boxId, cycle);
            return;
        }
        // The preview of the contents that shipped: a change box-service made since an earlier preview needs its own.
        int revision = shipped.contentsRevision() == null ? 0 : shipped.contentsRevision();
        Optional<OffsetDateTime> previewSent = previews.sentAt(boxId, revision);
        if (!BoxChargePolicy.previewedInTime(previewSent, shipped.shippedAt(), previewLead)) {
            LOG.infof(
                    "Box %s shipped at %s, its preview mailed %s (lead %s): not in time, on us",
                    boxId,
                    shipped.shippedAt(),
                    previewSent.map(Object::toString).orElse("never"),
                    previewLead);
            notCharged("NO_PREVIEW");
            previews.shippedWithoutPreview(shipped.memberId(), boxId, cycle);
            return;
        }
        if (subscription.isGift()) {
            // Prepaid by the gift's buyer: never charged to the recipient (covered), or on us past the gift's end.
            if (!gifts.boxShipped(subscription, boxId, cycle, shipped.shippedAt())) {
                notCharged("GIFT_ENDED");
                notices.onUs(shipped.memberId(), boxId, cycle);
                return;
            }
            // The gift covers the box, not the one-time add-ons the recipient chose at the price shown to them.
            if (shipped.addOnsCents() > 0) {
                book(
                        shipped.memberId(),
                        LedgerEntry.Type.CHARGE,
                        shipped.addOnsCents(),
                        "Add-ons in the box for " + cycle,
                        boxId,
                        boxId,
                        shipped.shippedAt());
            }
            return;
        }
        String planId = shipped.planId() != null ? shipped.planId() : subscription.planId;
        // The member's one-time add-ons are charged with the box, in this one decision: every rule above that puts the
        // box on us puts its add-ons on us too.
        long price = BoxChargePolicy.total(
                BoxChargePolicy.price(
                        shipped.priceCents(),
                        () -> plans.priced(planId, cycle.atDay(1)).priceCents()),
                shipped);
        if (price <= 0) {
            LOG.infof("Box %s costs nothing: no charge", boxId);
            return;
        }
        book(shipped.memberId(), LedgerEntry.Type.CHARGE, price, "Box for " + cycle, boxId, boxId, shipped.shippedAt());
        bookReferral(referrals.boxCharged(shipped.memberId(), boxId, shipped.shippedAt()), shipped.shippedAt());
    }

    /** A credit from box-service: capped at what is left of the box's charge; nothing booked when nothing is left. */
    public void credit(CreditGranted credit) {
        bookCredit(
                credit.memberId(),
                credit.boxId(),
                credit.amountCents(),
                credit.reason(),
                credit.creditId(),
                credit.grantedAt(),
                credit.issueType());
    }

    /**
     * Ops make good on a mistake: a goodwill credit without a box as asked, a credit for a box at most what is left of
     * its charge (409 when nothing is left); 404 when there is no such member. {@code grantedBy}: the acting ops user.
     */
    @Transactional
    public LedgerEntry grantCredit(UUID memberId, UUID boxId, long amountCents, String reason, String grantedBy) {
        profile.require(memberId);
        Optional<LedgerEntry> booked = bookCredit(
                memberId, boxId, amountCents, reason, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), null);
        booked.ifPresent(entry -> entry.actedBy = grantedBy);
        return booked.orElseThrow(
                () -> ProblemException.conflict("box " + boxId + " was not charged to this member, or its "
                        + "charge is already credited in full: nothing left to credit"));
    }

    /** The subscription the box was curated for; the member's current one for events written before that was sent. */
    private Optional<Subscription> subscriptionOf(BoxShipped shipped) {
        if (shipped.subscriptionId() == null) {
            return subscriptions.findCurrent(shipped.memberId());
        }
        return subscriptions
                .findByIdOptional(shipped.subscriptionId())
                .filter(s -> s.memberId.equals(shipped.memberId()));
    }

    private Optional<LedgerEntry> bookCredit(
            UUID memberId,
            UUID boxId,
            long requestedCents,
            String reason,
            UUID creditId,
            OffsetDateTime at,
            String issueType) {
        if (entries.booked(LedgerEntry.Type.CREDIT, creditId)) {
            LOG.infof("Credit %s already booked", creditId);
            return Optional.empty();
        }
        long amount = requestedCents;
        long charged = 0;
        if (boxId != null) {
            // The lock makes concurrent credits for this box take turns: each sees what the others booked.
            charged =
                    entries.lockCharge(memberId, boxId).map(c -> c.amountCents).orElse(0L);
            long credited = entries.creditedFor(memberId, boxId);
            amount = CreditCap.bookable(charged, credited, requestedCents);
            if (amount < requestedCents) {
                String outcome = charged == 0 ? "BOX_NOT_CHARGED" : amount == 0 ? "CHARGE_CREDITED" : "PARTLY";
                LOG.infof(
                        "Credit %s of %d for box %s capped at %d (charged %d, already credited %d)",
                        creditId, requestedCents, boxId, amount, charged, credited);
                registry.counter("dcbeacon.ledger.credits.capped", "outcome", outcome)
                        .increment();
            }
            if (amount == 0) {
                return Optional.empty();
            }
        }
        LedgerEntry entry = book(memberId, LedgerEntry.Type.CREDIT, amount, reason, boxId, creditId, at);
        entry.issueType = issueType;
        notices.credited(memberId, creditId, amount, currencyOf(memberId), reason);
        if (boxId != null && issueType != null && Referrals.NOT_RECEIVED.contains(issueType)) {
            long notReceived = entries.creditedFor(memberId, boxId, Referrals.NOT_RECEIVED);
            bookReferral(referrals.boxCredited(memberId, boxId, charged, notReceived), at);
        }
        return Optional.of(entry);
    }

    /** A referral's credits (each told to its member) or their reversals, in the caller's transaction. */
    private void bookReferral(List<Referrals.Booking> bookings, OffsetDateTime at) {
        for (Referrals.Booking booking : bookings) {
            book(
                    booking.memberId(),
                    booking.type(),
                    booking.amountCents(),
                    booking.reason(),
                    null,
                    booking.sourceId(),
                    at);
            if (booking.type() == LedgerEntry.Type.CREDIT) {
                notices.credited(
                        booking.memberId(),
                        booking.sourceId(),
                        booking.amountCents(),
                        currencyOf(booking.memberId()),
                        booking.reason());
            }
        }
    }

    /** The currency of the member's plan, which their ledger is kept in; null when they have no subscription. */
    private String currencyOf(UUID memberId) {
        return subscriptions
                .findCurrent(memberId)
                .map(s -> plans.require(s.planId).currency)
                .orElse(null);
    }

    private void notCharged(String reason) {
        registry.counter("dcbeacon.ledger.boxes.not.charged", "reason", reason).increment();
    }

    private LedgerEntry book(
            UUID memberId,
            LedgerEntry.Type type,
            long amountCents,
            String reason,
            UUID boxId,
            UUID sourceId,
            OffsetDateTime at) {
        LedgerEntry entry = LedgerEntry.of(memberId, type, amountCents, reason, boxId, sourceId, at);
        if (!entries.bookOnce(entry)) {
            LOG.infof("%s for %s already booked", type, sourceId);
        }
        return entry;
    }
}
