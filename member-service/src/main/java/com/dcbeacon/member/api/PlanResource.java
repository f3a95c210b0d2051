package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.PlanCatalogue;
import com.dcbeacon.member.domain.PlanPriceChanges;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

    private final TenantAccess access;
    private final IdempotentRequests idempotent;

    public PlanResource(
            PlanCatalogue plans, PlanPriceChanges priceChanges, TenantAccess access, IdempotentRequests idempotent) {
        this.plans = plans;
        this.priceChanges = priceChanges;
        this.access = access;
        this.idempotent = idempotent;
    }

    @GET
    @PermitAll
    public List<PlanResponse> list() {
        return plans.catalogue().stream().map(PlanResponse::of).toList();
    }

    /**
     * Announces a plan's new price. Moves money, so it takes an {@code Idempotency-Key} header ({@link
     * IdempotentRequests}): sent again with its key, it answers the first answer.
     */
    @POST
    @Path("/{planId}/price-changes")
    @RolesAllowed(Roles.OPS_FINANCE)
    public Response announcePriceChange(
            @PathParam("planId") String planId,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @NotNull @Valid PriceChangeRequest request) {
        String actor = access.actingUser();
        return idempotent.once("announce-price-change", actor, idempotencyKey, List.of(planId, request), () -> {
            var change = priceChanges.announce(planId, request.newPriceCents(), request.effectiveOn(), actor);
            return Response.status(201)
                    .entity(new PlanResponse.UpcomingPrice(change.newPriceCents, change.effectiveOn))
                    .build();
        });
    }
}
