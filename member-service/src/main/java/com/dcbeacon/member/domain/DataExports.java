package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.DataExportRepository;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberDataExportRequested;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    public DataExports(
            MemberRepository members,
            DataExportRepository exports,
            MemberDataSection memberSection,
            Outbox outbox,
            @ConfigProperty(name = "dcbeacon.data-rights.export-sections") Set<String> exportSections) {
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

    public DataExport export(UUID memberId, UUID exportId) {
        return exports.findByIdOptional(exportId)
                .filter(e -> e.memberId.equals(memberId))
                .orElseThrow(() -> ProblemException.notFound("no export " + exportId));
    }

    /** Runs in the inbox transaction of the consumer that received the part. */
    public void addExportPart(MemberDataExportPart part) {
        String section = part.service().replace("-service", "");
        exports.findByIdOptional(part.exportId())
                .filter(e -> e.memberId.equals(part.memberId()))
                .ifPresentOrElse(
                        e -> e.addPart(section, part.data(), exportSections, now()),
                        () -> LOG.infof("Export part for unknown or erased export %s ignored", part.exportId()));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
