package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.DataExportRepository;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberDataExportRequested;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A member's right to a copy of their data: the export holds this service's section at once ({@link MemberDataSection})
 * and gathers every other service's part through events; it is complete when every configured section arrived.
 */
@ApplicationScoped
public class DataExports {

    private static final Logger LOG = Logger.getLogger(DataExports.class);

    private final MemberRepository members;
    private final DataExportRepository exports;
    private final MemberDataSection memberSection;
    private final Outbox outbox;
    private final Set<String> exportSections;
    private final AccountNotices notices;
    private final Duration availableFor;
    private final Clock clock;

    public DataExports(
            MemberRepository members,
            DataExportRepository exports,
            MemberDataSection memberSection,
            Outbox outbox,
            @ConfigProperty(name = "dcbeacon.data-rights.export-sections") Set<String> exportSections,
            AccountNotices notices,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.data-rights.export-available-for", defaultValue = "P30D")
                    Duration availableFor) {
        if (availableFor.isNegative() || availableFor.isZero()) {
            throw new IllegalArgumentException("dcbeacon.data-rights.export-available-for must be positive");
        }
        this.notices = notices;
        this.clock = clock;
        this.availableFor = availableFor;
        this.members = members;
        this.exports = exports;
        this.memberSection = memberSection;
        this.outbox = outbox;
        this.exportSections = exportSections;
    }

    @Transactional
    public DataExport requestExport(UUID memberId) {
        Member member = members.findByIdOptional(memberId)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        DataExport export = new DataExport();
        export.id = UUID.randomUUID();
        export.memberId = memberId;
        export.requestedAt = now();
        export.memberSection = memberSection.of(member);
        exports.persist(export);
        outbox.publish(
                EventType.MEMBER_DATA_EXPORT_REQUESTED,
                memberId.toString(),
                new MemberDataExportRequested(memberId, export.id, export.requestedAt));
        return export;
    }

    /** The member's export; 404 for another member's, and for one past its download period (about to be deleted). */
    public DataExport export(UUID memberId, UUID exportId) {
        return exports.findByIdOptional(exportId)
                .filter(e -> e.memberId.equals(memberId))
                .filter(e -> !e.isExpired(now()))
                .orElseThrow(() -> ProblemException.notFound("no export " + exportId));
    }

    /**
     * Runs in the inbox transaction of the consumer that received the part. The part that completes the export tells
     * the member where to download it and until when, in the same transaction.
     */
    public void addExportPart(MemberDataExportPart part) {
        String section = part.service().replace("-service", "");
        exports.findByIdOptional(part.exportId())
                .filter(e -> e.memberId.equals(part.memberId()))
                .ifPresentOrElse(
                        e -> {
                            if (e.addPart(section, part.data(), exportSections, now(), availableFor)) {
                                notices.exportReady(e);
                            }
                        },
                        () -> LOG.infof("Export part for unknown or erased export %s ignored", part.exportId()));
    }

    /** Deletes the exports past their download period: a copy of all of a member's data is not kept for long. */
    @Scheduled(
            every = "${dcbeacon.data-rights.export-cleanup-every:1h}",
            delayed = "${dcbeacon.data-rights.export-cleanup-start-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void deleteExpired() {
        long deleted = exports.deleteExpired(now());
        if (deleted > 0) {
            LOG.infof("Deleted %d data exports past their download period", deleted);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
