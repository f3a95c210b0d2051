package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.DataExportRepository;
import com.dcbeacon.member.persistence.ErasureRequestRepository;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberDataExportRequested;
import com.dcbeacon.platform.events.payload.MemberErased;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.events.payload.MemberErasureConfirmed;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A member's right to their data: an export gathers every service's part through events; an erasure removes
 * the member's personal data here at once, asks every other service to do the same, and is done when all
 * confirmed. Both leave an auditable trail without personal data.
 */
@ApplicationScoped
public class DataRights {

    private static final Logger LOG = Logger.getLogger(DataRights.class);
    public static final String SERVICE = "member-service";

    private final MemberRepository members;
    private final SubscriptionRepository subscriptions;
    private final LedgerEntryRepository ledger;
    private final NotificationRepository notifications;
    private final DataExportRepository exports;
    private final ErasureRequestRepository erasures;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Set<String> exportSections;
    private final List<String> erasingServices;
    private final ErasedMembers erased;

    public DataRights(MemberRepository members, SubscriptionRepository subscriptions, LedgerEntryRepository ledger,
            NotificationRepository notifications, DataExportRepository exports, ErasureRequestRepository erasures,
            Outbox outbox, ObjectMapper mapper,
            @ConfigProperty(name = "dcbeacon.data-rights.export-sections") Set<String> exportSections,
            @ConfigProperty(name = "dcbeacon.data-rights.erasing-services") List<String> erasingServices,
            ErasedMembers erased) {
        this.erased = erased;
        this.members = members;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.notifications = notifications;
        this.exports = exports;
        this.erasures = erasures;
        this.outbox = outbox;
        this.mapper = mapper;
        this.exportSections = exportSections;
        this.erasingServices = erasingServices;
    }

    @Transactional
    public DataExport requestExport(UUID memberId) {
        Member member = members.findByIdOptional(memberId).orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        DataExport export = new DataExport();
        export.id = UUID.randomUUID();
        export.memberId = memberId;
        export.requestedAt = now();
        export.memberSection = memberSection(member);
        exports.persist(export);
        outbox.publish(EventType.MEMBER_DATA_EXPORT_REQUESTED, memberId.toString(),
                new MemberDataExportRequested(memberId, export.id, export.requestedAt));
        return export;
    }

    public DataExport export(UUID memberId, UUID exportId) {
        return exports.findByIdOptional(exportId).filter(e -> e.memberId.equals(memberId))
                .orElseThrow(() -> ProblemException.notFound("no export " + exportId));
    }

    /** Runs in the inbox transaction of the consumer that received the part. */
    public void addExportPart(MemberDataExportPart part) {
        String section = part.service().replace("-service", "");
        exports.findByIdOptional(part.exportId()).filter(e -> e.memberId.equals(part.memberId())).ifPresentOrElse(
                e -> e.addPart(section, part.data(), exportSections, now()),
                () -> LOG.infof("Export part for unknown or erased export %s ignored", part.exportId()));
    }

    /** Erases the member's personal data here now, and asks every other service to do the same. */
    @Transactional
    public ErasureRequest requestErasure(UUID memberId) {
        Optional<Member> member = members.findByIdOptional(memberId);
        if (member.isEmpty()) {
            // Already erased (or never existed): answer the earlier request, if any, and do nothing twice.
            return erasures.latestFor(memberId).orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        }
        ErasureRequest request = new ErasureRequest();
        request.id = UUID.randomUUID();
        request.memberRef = ErasureRequest.memberRef(memberId);
        request.requestedAt = now();
        Map<String, String> services = new LinkedHashMap<>();
        services.put(SERVICE, ErasureRequest.DONE);
        erasingServices.forEach(s -> services.put(s, ErasureRequest.PENDING));
        request.services = services;
        erasures.persist(request);

        ledger.delete("memberId", memberId);
        exports.delete("memberId", memberId);
        notifications.delete("memberId", memberId);
        subscriptions.delete("memberId", memberId);
        members.delete(member.get());
        // From now on a credit, a shipment or an export part still in flight for the member is dropped, not re-booked.
        erased.record(memberId);

        outbox.publish(EventType.MEMBER_ERASURE_REQUESTED, memberId.toString(),
                new MemberErasureRequested(memberId, request.id, request.requestedAt));
        return request;
    }

    public ErasureRequest erasure(UUID memberId) {
        return erasures.latestFor(memberId).orElseThrow(() -> ProblemException.notFound("no erasure for member " + memberId));
    }

    /** Runs in the inbox transaction of the consumer that received the confirmation. */
    public void confirmErasure(MemberErasureConfirmed confirmation) {
        ErasureRequest request = erasures.findByIdOptional(confirmation.erasureId()).orElse(null);
        if (request == null) {
            LOG.warnf("Erasure confirmation for unknown request %s ignored", confirmation.erasureId());
            return;
        }
        if (request.confirm(confirmation.service(), now())) {
            outbox.publish(EventType.MEMBER_ERASED, confirmation.memberId().toString(),
                    new MemberErased(confirmation.memberId(), request.id, request.completedAt));
        }
    }

    private ObjectNode memberSection(Member member) {
        ObjectNode section = mapper.createObjectNode();
        section.set("profile", mapper.valueToTree(Map.of(
                "id", member.id, "email", member.email, "name", member.name,
                "shippingAddress", member.shippingAddress, "registeredAt", member.registeredAt)));
        ObjectNode preferences = mapper.createObjectNode();
        preferences.set("allergens", mapper.valueToTree(member.allergens));
        preferences.set("dietaryTags", mapper.valueToTree(member.dietaryTags));
        preferences.set("likedCategories", mapper.valueToTree(member.likedCategories));
        preferences.set("dislikedCategories", mapper.valueToTree(member.dislikedCategories));
        preferences.put("sensitiveDataConsent", member.sensitiveDataConsent);
        preferences.put("marketingEmails", member.marketingEmails);
        preferences.put("surveys", member.surveys);
        section.set("preferences", preferences);
        section.set("subscriptions", mapper.valueToTree(subscriptions.list("memberId", member.id).stream()
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
                    return m;
                }).toList()));
        section.set("ledger", mapper.valueToTree(ledger.forMember(member.id)));
        section.set("notifications", mapper.valueToTree(notifications.forMember(member.id)));
        return section;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
