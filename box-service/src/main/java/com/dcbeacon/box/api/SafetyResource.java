package com.dcbeacon.box.api;

import com.dcbeacon.box.domain.CurationMembers;
import com.dcbeacon.box.domain.ProductReview;
import com.dcbeacon.box.domain.ProductReviews;
import com.dcbeacon.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What ops watch for member safety: products under review after an allergen concern, and members curation waits for. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class SafetyResource {

    public record ReviewView(
            UUID reviewId,
            UUID productId,
            UUID brandId,
            UUID boxId,
            String reason,
            OffsetDateTime openedAt,
            OffsetDateTime clearedAt,
            String clearedBy) {
        static ReviewView of(ProductReview r) {
            return new ReviewView(
                    r.id, r.productId, r.brandId, r.boxId, r.reason, r.openedAt, r.clearedAt, r.clearedBy);
        }
    }

    private final ProductReviews reviews;
    private final CurationMembers curationMembers;
    private final SecurityIdentity identity;

    public SafetyResource(ProductReviews reviews, CurationMembers curationMembers, SecurityIdentity identity) {
        this.reviews = reviews;
        this.curationMembers = curationMembers;
        this.identity = identity;
    }

    /** Open reviews, newest first. */
    @GET
    @Path("/product-reviews")
    public List<ReviewView> openReviews() {
        return reviews.open().stream().map(ReviewView::of).toList();
    }

    /** Clears the open review of a product: it may be curated again. 404 when it has none. */
    @POST
    @Path("/product-reviews/{productId}/clear")
    public ReviewView clear(@PathParam("productId") UUID productId) {
        return ReviewView.of(reviews.clear(productId, identity.getPrincipal().getName()));
    }

    /** Members with a live subscription whose allergens and diets box-service cannot vouch for yet, and why. */
    @GET
    @Path("/curation/waiting-members")
    public List<CurationMembers.Waiting> waitingMembers() {
        return curationMembers.waiting();
    }
}
