package com.dcbeacon.feedback.api;

import com.dcbeacon.feedback.domain.ProductInsights;
import com.dcbeacon.feedback.domain.ProductInsights.ProductInsight;
import com.dcbeacon.platform.events.Cycle;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * What a brand learns about its products: aggregates over at least 5 distinct members, never a member id, name,
 * comment or allergen.
 */
@Path("/api/brands/{brandId}/insights")
@Produces(MediaType.APPLICATION_JSON)
public class InsightResource {

    private final ProductInsights insights;
    private final TenantAccess access;

    public InsightResource(ProductInsights insights, TenantAccess access) {
        this.insights = insights;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.BRAND, Roles.OPS})
    public List<ProductInsight> insights(
            @PathParam("brandId") UUID brandId,
            @QueryParam("cycle") @Pattern(regexp = Cycle.PATTERN, message = Cycle.MESSAGE) String cycle) {
        access.requireBrand(brandId, true);
        return insights.forBrand(brandId, cycle);
    }
}
