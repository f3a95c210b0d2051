package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * member-service's data rights (member-service/README.md): the member's data export, gathered from every service, and
 * the erasure of the account everywhere. Called with the signed-in member's access token.
 */
@RegisterRestClient(configKey = "member-service")
@AccessToken
@Path("/api/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
public interface DataRightsApi {

    /** 202 with the new export's id; it is PENDING until every service sent its part. */
    @POST
    @Path("/exports")
    ExportRequested requestExport(@PathParam("memberId") UUID member);

    @GET
    @Path("/exports/{exportId}")
    Export export(@PathParam("memberId") UUID member, @PathParam("exportId") UUID export);

    /** The same answer as one JSON document, as member-service sends it, for the member's download. */
    @GET
    @Path("/exports/{exportId}")
    String exportDocument(@PathParam("memberId") UUID member, @PathParam("exportId") UUID export);

    /** 202: personal data in member-service is gone when this answers; the other services follow. */
    @DELETE
    Erasure erase(@PathParam("memberId") UUID member);

    @GET
    @Path("/erasure")
    Erasure erasure(@PathParam("memberId") UUID member);

    record ExportRequested(UUID exportId) {}

    /** {@code status} PENDING or COMPLETE; {@code expiresAt} set once complete: then the export is deleted. */
    record Export(
            UUID exportId,
            String status,
            OffsetDateTime requestedAt,
            OffsetDateTime completedAt,
            OffsetDateTime expiresAt) {

        public boolean complete() {
            return "COMPLETE".equals(status);
        }
    }

    /** {@code status} of the whole erasure and per service (DONE when every service confirmed). */
    record Erasure(
            UUID erasureId,
            String status,
            OffsetDateTime requestedAt,
            OffsetDateTime completedAt,
            Map<String, String> services) {

        /** The services' statuses by name, for a table. */
        public List<Map.Entry<String, String>> perService() {
            return services == null
                    ? List.of()
                    : services.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .toList();
        }
    }
}
