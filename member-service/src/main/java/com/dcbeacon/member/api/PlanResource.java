package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.PlanCatalogue;
import com.dcbeacon.member.domain.PlanPriceChanges;
import com.dcbeacon.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanCatalogue plans;
    private final PlanPriceChanges priceChanges;

    public PlanResource(PlanCatalogue plans, PlanPriceChanges priceChanges) {
        this.plans = plans;
        this.priceChanges = priceChanges;
    }

    @GET
    @PermitAll
    public List<PlanResponse> list() {
        return plans.catalogue().stream().map(PlanResponse::of).toList();
    }

    @POST
    @Path("/{planId}/price-changes")
    @RolesAllowed(Roles.OPS_FINANCE)
    public Response announcePriceChange(
            @PathParam("planId") String planId, @NotNull @Valid PriceChangeRequest request) {
        var change = priceChanges.announce(planId, request.newPriceCents(), request.effectiveOn());
        return Response.status(201)
                .entity(new PlanResponse.UpcomingPrice(change.newPriceCents, change.effectiveOn))
                .build();
    }
}
