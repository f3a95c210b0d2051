package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * box-service's "you said, we did" (box-service/README.md): the member's ratings as curation applies them, called with
 * the signed-in member's access token.
 */
@RegisterRestClient(configKey = "box-service")
@AccessToken
@Path("/api/members/{memberId}/rating-effects")
@Produces(MediaType.APPLICATION_JSON)
public interface RatingEffectsApi {

    @GET
    List<Applied> ofMember(@PathParam("memberId") UUID member);

    /**
     * {@code effect}: NEVER_AGAIN (1–2 stars), MORE_OF_ITS_CATEGORY (4–5), NO_LONGER_NEW (3); {@code name} and
     * {@code category} null when box-service's catalogue does not hold the product.
     */
    record Applied(UUID productId, String name, String category, int stars, OffsetDateTime ratedAt, String effect) {}
}
