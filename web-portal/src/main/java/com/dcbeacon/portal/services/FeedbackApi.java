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
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** feedback-service's member API (feedback-service/README.md), called with the signed-in member's access token. */
@RegisterRestClient(configKey = "feedback-service")
@AccessToken
@Path("/api/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface FeedbackApi {

    /** 201; 400 naming why for an item that is not of the member's delivered box; a second rating replaces the first. */
    @POST
    @Path("/ratings")
    Rating rate(@PathParam("memberId") UUID member, RatingRequest rating);

    @GET
    @Path("/ratings")
    List<Rating> ratings(@PathParam("memberId") UUID member);

    @GET
    @Path("/nps-survey")
    Survey survey(@PathParam("memberId") UUID member);

    /** 201; 409 with the reason when the member is not to be asked now. */
    @POST
    @Path("/nps")
    void answer(@PathParam("memberId") UUID member, NpsAnswer answer);

    record RatingRequest(UUID boxId, UUID productId, Integer stars, String comment) {}

    record Rating(
            UUID boxId, UUID productId, String sku, String cycle, int stars, String comment, OffsetDateTime ratedAt) {}

    /** Whether feedback-service asks the member for an NPS answer now, and why (not). */
    record Survey(boolean eligible, String reason) {}

    /** {@code score} 0–10, {@code comment} optional. */
    record NpsAnswer(Integer score, String comment) {}
}
