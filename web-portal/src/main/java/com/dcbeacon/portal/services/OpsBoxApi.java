package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
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

/** box-service's ops API (box-service/README.md): curation runs, the members curation waits for, product reviews. */
@RegisterRestClient(configKey = "box-service")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface OpsBoxApi {

    /** Starts a run of the cycle (YYYY-MM) in the background; 409 while a run of that cycle is going. */
    @POST
    @Path("/curation-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    RunStarted startRun(RunRequest request);

    @GET
    @Path("/curation-runs/{runId}")
    Run run(@PathParam("runId") UUID runId);

    @GET
    @Path("/curation/waiting-members")
    List<WaitingMember> waitingMembers();

    @GET
    @Path("/product-reviews")
    List<Review> reviews();

    /** 404 when the product has no open review. */
    @POST
    @Path("/product-reviews/{productId}/clear")
    Review clearReview(@PathParam("productId") UUID productId);

    record RunRequest(String cycle) {}

    record RunStarted(UUID runId) {}

    /** {@code status} RUNNING, DONE or FAILED; {@code membersSkipped} reason → count. */
    record Run(
            UUID runId,
            String cycle,
            String status,
            int membersTotal,
            int membersDone,
            int boxesCurated,
            Map<String, Integer> membersSkipped,
            int unfilledSlots,
            String failure,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {

        public boolean running() {
            return "RUNNING".equals(status);
        }

        /** The share of members done, in whole percent (rounded down: 100 only when every member is done). */
        public int percent() {
            return membersTotal == 0 ? (running() ? 0 : 100) : (int) (100L * membersDone / membersTotal);
        }
    }

    /** {@code heldVersion} null: box-service holds none of the member's preferences yet. */
    record WaitingMember(UUID memberId, Integer requiredVersion, Integer heldVersion, String reason) {}

    /** An open review: the product held back from curation and the concern that opened it. */
    record Review(UUID productId, UUID brandId, UUID boxId, String reason, OffsetDateTime openedAt) {}
}
