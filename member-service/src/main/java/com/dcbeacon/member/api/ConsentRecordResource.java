package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.ConsentRecordView;
import com.dcbeacon.member.domain.ConsentRecords;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** A member's records of consent, a page at a time, oldest first: for the member and ops (by key: {@link OpsConsentRecordResource}). */
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/members/{memberId}/consent-records")
public class ConsentRecordResource {

    public record ConsentRecordsResponse(List<ConsentRecordView> records, int page, int size, long totalRecords) {
        static ConsentRecordsResponse of(ConsentRecords.Page records, int page, int size) {
            return new ConsentRecordsResponse(
                    records.records().stream().map(ConsentRecordView::of).toList(), page, size, records.totalRecords());
        }
    }

    private final ConsentRecords consents;
    private final TenantAccess access;

    public ConsentRecordResource(ConsentRecords consents, TenantAccess access) {
        this.consents = consents;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    @Transactional
    public ConsentRecordsResponse forMember(
            @PathParam("memberId") UUID memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        access.requireMember(memberId, true);
        return ConsentRecordsResponse.of(consents.forMember(memberId, page, size), page, size);
    }
}
