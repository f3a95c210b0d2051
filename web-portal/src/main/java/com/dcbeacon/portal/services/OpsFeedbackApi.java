package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** feedback-service's ops API (feedback-service/README.md): the NPS report and the follow-ups of detractors. */
@RegisterRestClient(configKey = "feedback-service")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface OpsFeedbackApi {

    /** {@code from}, {@code to} as YYYY-MM-DD; {@code interval} day or week; {@code groupBy} plan or null. */
    @GET
    @Path("/nps")
    NpsReport nps(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("interval") String interval,
            @QueryParam("groupBy") String groupBy);

    @GET
    @Path("/follow-ups")
    List<FollowUp> followUps(@QueryParam("status") String status, @QueryParam("size") int size);

    @POST
    @Path("/follow-ups/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    FollowUp close(@PathParam("id") UUID id, Close close);

    /** One day or ISO week (from Monday); {@code nps} null when it has no answers. */
    record NpsPoint(LocalDate start, BigDecimal nps, int promoters, int passives, int detractors, int responses) {}

    /** The figures of the range and its series; {@code byPlan} (plan id, or {@code none}) only when grouped. */
    record NpsReport(
            LocalDate from,
            LocalDate to,
            String interval,
            BigDecimal nps,
            int promoters,
            int passives,
            int detractors,
            int responses,
            List<NpsPoint> series,
            Map<String, NpsReport> byPlan) {}

    /** An open follow-up as the queue shows it: who scored what, and by when to call back. */
    record FollowUp(
            UUID id,
            int score,
            String comment,
            UUID memberId,
            String planId,
            long ageHours,
            OffsetDateTime dueAt,
            boolean overdue) {}

    record Close(String note) {}
}
