package com.dcbeacon.brand.api;

import com.dcbeacon.brand.domain.Campaign;
import com.dcbeacon.brand.domain.Campaigns;
import com.dcbeacon.platform.events.Cycle;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

@Path("/api/brands/{brandId}/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    public record CampaignRequest(
            @NotBlank String sku,

            @NotNull @Pattern(regexp = Cycle.PATTERN, message = Cycle.MESSAGE)
            String cycle,

            @NotNull @Positive @Max(1_000_000) Integer units,
            @Min(1) @Max(Campaigns.MAX_PER_BOX) Integer maxPerBox) {}

    public record CampaignResponse(
            UUID id, String sku, UUID productId, String cycle, int units, int maxPerBox, OffsetDateTime createdAt) {
        static CampaignResponse of(Campaign c) {
            return new CampaignResponse(c.id, c.sku, c.productId, c.cycle, c.units, c.maxPerBox, c.createdAt);
        }
    }

    private final Campaigns campaigns;
    private final TenantAccess access;

    public CampaignResource(Campaigns campaigns, TenantAccess access) {
        this.campaigns = campaigns;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BRAND)
    public Response create(@PathParam("brandId") UUID brandId, @NotNull @Valid CampaignRequest request) {
        access.requireBrand(brandId, false);
        YearMonth cycle =
                Cycle.parseWithin("cycle", request.cycle(), Campaigns.currentCycle(), Campaigns.MAX_MONTHS_AHEAD);
        Campaign campaign = campaigns.create(brandId, request.sku(), cycle, request.units(), request.maxPerBox());
        return Response.status(201).entity(CampaignResponse.of(campaign)).build();
    }

    @GET
    @RolesAllowed({Roles.BRAND, Roles.OPS})
    public List<CampaignResponse> list(
            @PathParam("brandId") UUID brandId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        access.requireBrand(brandId, true);
        return campaigns.list(brandId, page, size).stream()
                .map(CampaignResponse::of)
                .toList();
    }
}
