package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.DataExportRepository;
import com.dcbeacon.member.persistence.ErasureRequestRepository;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberErased;
import com.dcbeacon.platform.events.payload.MemberErasureConfirmed;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A member's right to erasure: removes the member's personal data here at once, asks every other service to do the
 * same, and is done when all confirmed. The request leaves an auditable trail without personal data.
 */
@ApplicationScoped
public class DataErasures {

    private static final Logger LOG = Logger.getLogger(DataErasures.class);
    public static final String SERVICE = "member-service";

    private final MemberRepository members;
    private final SubscriptionRepository subscriptions;
    private final LedgerEntryRepository ledger;
    private final NotificationRepository notifications;
    private final DataExportRepository exports;
    private final ErasureRequestRepository erasures;
    private final Outbox outbox;
    private final List<String> erasingServices;
    private final ErasedMembers erased;
    private final ConsentRecords consents;
    private final AccountNotices notices;
    private final Referrals referrals;
    private final AccountLinks accounts;
    private final Gifts gifts;

    public DataErasures(
            MemberRepository members,
            SubscriptionRepository subscriptions,
            LedgerEntryRepository ledger,
            NotificationRepository notifications,
            DataExportRepository exports,
            ErasureRequestRepository erasures,
            Outbox outbox,
            @ConfigProperty(name = "dcbeacon.data-rights.erasing-services") List<String> erasingServices,
            ErasedMembers erased,
            ConsentRecords consents,
            AccountNotices notices,
            Referrals referrals,
            AccountLinks accounts,
            Gifts gifts) {
        this.gifts = gifts;
        this.notices = notices;
        this.accounts = accounts;
        this.erased = erased;
        this.consents = consents;
        this.referrals = referrals;
        this.members = members;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.notifications = notifications;
        this.exports = exports;
        this.erasures = erasures;
        this.outbox = outbox;
        this.erasingServices = erasingServices;
    }

    /** Erases the member's personal data here now, and asks every other service to do the same. */
    @Transactional
    public ErasureRequest requestErasure(UUID memberId) {
        // Locked first, as every change of the member's subscription locks it: an action in flight (a sign-up, a
        // reactivation) commits before the erasure reads what to erase, so its subscription and record of consent
        // are erased and pseudonymised too, never left behind with the member's id.
        Optional<Member> member = members.findByIdOptional(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (member.isEmpty()) {
            // Already erased (or never existed): answer the earlier request, if any, and do nothing twice.
            return erasures.latestFor(memberId).orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        }
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID();
        request.memberRef = ErasureRequest.memberRef(memberId);
        request.requestedAt = now();
        Map<String, ErasureStatus> services = new LinkedHashMap<>();
        services.put(SERVICE, ErasureStatus.DONE);
        erasingServices.forEach(s -> services.put(s, ErasureStatus.PENDING));
        request.services = services;
        erasures.persist(request);

        // First: a referral being credited in the inbox right now commits before the ledger below is read.
        referrals.forget(memberId);
        ledger.deleteForMember(memberId);
        // A gift keeps its status for the other side (claimed, boxes shipped), never this member's id.
        gifts.forget(memberId);
        exports.deleteForMember(memberId);
        notifications.deleteForMember(memberId);
        subscriptions.deleteForMember(memberId);
        // The law asks for the records of consent to be kept: only their pseudonymised part stays.
        consents.pseudonymise(memberId, request.requestedAt);
        notices.erasureRequested(request, member.get().email);
        // The member's accounts at the identity provider go too, pushed there after this commits.
        accounts.eraseLater(memberId, member.get().accountSubject);
        members.delete(member.get());
        // From now on a credit, a shipment or an export part still in flight for the member is dropped, not re-booked.
        erased.record(memberId);

        outbox.publish(
                EventType.MEMBER_ERASURE_REQUESTED,
                memberId.toString(),
                new MemberErasureRequested(memberId, request.id, request.requestedAt));
        return request;
    }

    public ErasureRequest erasure(UUID memberId) {
        return erasures.latestFor(memberId)
                .orElseThrow(() -> ProblemException.notFound("no erasure for member " + memberId));
    }

    /** Runs in the inbox transaction of the consumer that received the confirmation. */
    public void confirmErasure(MemberErasureConfirmed confirmation) {
        ErasureRequest request =
                erasures.findByIdOptional(confirmation.erasureId()).orElse(null);
        if (request == null) {
            LOG.warnf("Erasure confirmation for unknown request %s ignored", confirmation.erasureId());
            return;
        }
        if (request.confirm(confirmation.service(), now())) {
            notices.erasureDone(request);
            outbox.publish(
                    EventType.MEMBER_ERASED,
                    confirmation.memberId().toString(),
                    new MemberErased(confirmation.memberId(), request.id, request.completedAt));
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
