package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * feedback-service's insights for a brand (feedback-service/README.md, "Privacy rules for brands"): aggregates over
 * at least 5 distinct members, called with the signed-in brand user's access token.
 */
@RegisterRestClient(configKey = "feedback-service")
@AccessToken
@Path("/api/brands/{brandId}/insights")
@Produces(MediaType.APPLICATION_JSON)
public interface InsightApi {

    /** One entry per product rated in the cycle (YYYY-MM). */
    @GET
    List<Insight> insights(@PathParam("brandId") UUID brand, @QueryParam("cycle") String cycle);

    /**
     * One product's figures: ratings, average stars, count per star (keys 1–5) and the share of 4 and 5 stars in
     * percent; all null when {@code suppressed} (fewer than 5 distinct members).
     */
    record Insight(
            UUID productId,
            String sku,
            boolean suppressed,
            Integer ratings,
            BigDecimal averageStars,
            Map<Integer, Long> distribution,
            BigDecimal shareFourOrFive) {

        /** The count of one star (1–5), 0 when the distribution leaves it out. */
        public long stars(int star) {
            return distribution == null ? 0 : distribution.getOrDefault(star, 0L);
        }
    }
}
