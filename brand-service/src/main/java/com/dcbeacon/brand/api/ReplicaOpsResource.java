package com.dcbeacon.brand.api;

import com.dcbeacon.brand.domain.CatalogueAnnouncements;
import com.dcbeacon.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** Ops: re-announcing products so that box-service can rebuild a lost catalogue replica (docs/messaging.md). */
@Path("/api/ops/replicas")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class ReplicaOpsResource {

    /** {@code productId}: only this product; without it (or without a body) every product. */
    public record ReAnnounceRequest(UUID productId) {}

    private final CatalogueAnnouncements announcements;

    public ReplicaOpsResource(CatalogueAnnouncements announcements) {
        this.announcements = announcements;
    }

    /** 200 {@code {products: n}}; 404 when the named product does not exist. */
    @POST
    @Path("/re-announce")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Integer> reAnnounce(ReAnnounceRequest request) {
        return announcements.reAnnounce(request == null ? null : request.productId());
    }
}
