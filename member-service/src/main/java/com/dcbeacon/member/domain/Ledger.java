package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.CreditGranted;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A member's charges and credits. A shipped box is charged once, at the price of the member's plan for that
 * cycle; a credit is booked once. Runs inside the caller's transaction (the event inbox, or an ops request).
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    private final LedgerEntryRepository entries;
    private final SubscriptionRepository subscriptions;
    private final Plans plans;

    public Ledger(LedgerEntryRepository entries, SubscriptionRepository subscriptions, Plans plans) {
        this.entries = entries;
        this.subscriptions = subscriptions;
        this.plans = plans;
    }

    public void charge(BoxShipped shipped) {
        Subscription subscription = subscriptions.findCurrent(shipped.memberId()).orElse(null);
        if (subscription == null) {
            LOG.warnf("Box %s shipped to member %s without a subscription: not charged", shipped.boxId(), shipped.memberId());
            return;
        }
        if (subscription.cancelledAt != null && subscription.cancelledAt.isBefore(shipped.shippedAt())) {
            // Cancel stops all charges at once: a box that still went out afterwards is on us.
            LOG.infof("Box %s shipped after member %s cancelled: not charged", shipped.boxId(), shipped.memberId());
            return;
        }
        YearMonth cycle = YearMonth.parse(shipped.cycle());
        long price = plans.priced(subscription.planId, cycle.atDay(1)).priceCents();
        book(shipped.memberId(), LedgerEntry.Type.CHARGE, price, "Box for " + cycle, shipped.boxId(), shipped.boxId(),
                shipped.shippedAt());
    }

    public void credit(CreditGranted credit) {
        book(credit.memberId(), LedgerEntry.Type.CREDIT, credit.amountCents(), credit.reason(), credit.boxId(),
                credit.creditId(), credit.grantedAt());
    }

    public LedgerEntry grantCredit(UUID memberId, long amountCents, String reason) {
        UUID creditId = UUID.randomUUID();
        return book(memberId, LedgerEntry.Type.CREDIT, amountCents, reason, null, creditId, OffsetDateTime.now(ZoneOffset.UTC));
    }

    public List<LedgerEntry> entries(UUID memberId) {
        return entries.forMember(memberId);
    }

    public static long balance(List<LedgerEntry> entries) {
        return entries.stream().mapToLong(LedgerEntry::signedCents).sum();
    }

    private LedgerEntry book(UUID memberId, LedgerEntry.Type type, long amountCents, String reason, UUID boxId,
            UUID sourceId, OffsetDateTime at) {
        LedgerEntry entry = new LedgerEntry();
        entry.id = UUID.randomUUID();
        entry.memberId = memberId;
        entry.type = type;
        entry.amountCents = amountCents;
        entry.reason = reason;
        entry.boxId = boxId;
        entry.sourceId = sourceId;
        entry.at = at;
        if (!entries.bookOnce(entry)) {
            LOG.infof("%s for %s already booked", type, sourceId);
        }
        return entry;
    }
}
