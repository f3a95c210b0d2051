package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.DataExport;
import com.dcbeacon.member.domain.DataExportStatus;
import com.dcbeacon.member.domain.DataExports;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** A member downloads everything the platform holds about them, gathered from every service. */
@Path("/api/members/{memberId}/exports")
@Produces(MediaType.APPLICATION_JSON)
public class DataExportResource {

    public record ExportResponse(
            UUID exportId,
            DataExportStatus status,
            OffsetDateTime requestedAt,
            OffsetDateTime completedAt,
            OffsetDateTime expiresAt,
            Map<String, JsonNode> sections) {

        static ExportResponse of(DataExport export) {
            Map<String, JsonNode> sections = null;
            if (export.isComplete()) {
                sections = new TreeMap<>(export.parts);
                sections.put("member", export.memberSection);
            }
            return new ExportResponse(
                    export.id, export.status(), export.requestedAt, export.completedAt, export.expiresAt, sections);
        }
    }

    private final DataExports exports;
    private final TenantAccess access;

    public DataExportResource(DataExports exports, TenantAccess access) {
        this.exports = exports;
        this.access = access;
    }

    @POST
    @RolesAllowed(Roles.MEMBER)
    public Response request(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, false);
        return Response.accepted(Map.of("exportId", exports.requestExport(memberId).id))
                .build();
    }

    /** The whole export as one JSON document; once complete, offered as a download. */
    @GET
    @Path("/{exportId}")
    @RolesAllowed(Roles.MEMBER)
    public Response get(@PathParam("memberId") UUID memberId, @PathParam("exportId") UUID exportId) {
        access.requireMember(memberId, false);
        DataExport export = exports.export(memberId, exportId);
        Response.ResponseBuilder response = Response.ok(ExportResponse.of(export));
        if (export.isComplete()) {
            response.header("Content-Disposition", "attachment; filename=\"dcbeacon-data-" + exportId + ".json\"");
        }
        return response.build();
    }
}
