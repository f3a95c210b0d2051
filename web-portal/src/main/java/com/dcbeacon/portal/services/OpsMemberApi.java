package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** member-service's ops API (member-service/README.md): the plans and their announced price changes (ops-finance). */
@RegisterRestClient(configKey = "member-service")
@AccessToken
@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
public interface OpsMemberApi {

    @GET
    List<Views.Plan> plans();

    /**
     * Announces a plan's new price, at least 30 days ahead (else 400 on {@code effectiveOn}); sent again with its
     * {@code Idempotency-Key}, member-service answers the first answer.
     */
    @POST
    @Path("/{planId}/price-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    Views.UpcomingPrice announcePriceChange(
            @PathParam("planId") String planId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            PriceChange change);

    record PriceChange(long newPriceCents, LocalDate effectiveOn) {}
}
