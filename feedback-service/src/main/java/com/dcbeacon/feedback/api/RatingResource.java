package com.dcbeacon.feedback.api;

import com.dcbeacon.feedback.domain.Rating;
import com.dcbeacon.feedback.domain.Ratings;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/members/{memberId}/ratings")
@Produces(MediaType.APPLICATION_JSON)
public class RatingResource {

    public record RatingRequest(
            @NotNull UUID boxId,
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(5) Integer stars,
            @Size(max = 2000) String comment) {}

    public record RatingResponse(
            UUID id,
            UUID boxId,
            UUID productId,
            String sku,
            String cycle,
            int stars,
            String comment,
            OffsetDateTime ratedAt) {
        static RatingResponse of(Rating r) {
            return new RatingResponse(r.id, r.boxId, r.productId, r.sku, r.cycle, r.stars, r.comment, r.ratedAt);
        }
    }

    private final Ratings ratings;
    private final TenantAccess access;

    public RatingResource(Ratings ratings, TenantAccess access) {
        this.ratings = ratings;
        this.access = access;
    }

    /** One rating per item of a delivered box; rating it again replaces the earlier one. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    public Response rate(@PathParam("memberId") UUID memberId, @NotNull @Valid RatingRequest request) {
        access.requireMember(memberId, false);
        Rating rating =
                ratings.rate(memberId, request.boxId(), request.productId(), request.stars(), request.comment());
        return Response.status(201).entity(RatingResponse.of(rating)).build();
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public List<RatingResponse> list(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return ratings.ofMember(memberId).stream().map(RatingResponse::of).toList();
    }
}
