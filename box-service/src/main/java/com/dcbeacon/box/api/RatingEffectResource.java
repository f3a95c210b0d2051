package com.dcbeacon.box.api;

import com.dcbeacon.box.domain.RatingEffects;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** What the member's ratings change in their next boxes, as curation applies them. */
@Path("/api/members/{memberId}/rating-effects")
@Produces(MediaType.APPLICATION_JSON)
public class RatingEffectResource {

    private final RatingEffects effects;
    private final TenantAccess access;

    public RatingEffectResource(RatingEffects effects, TenantAccess access) {
        this.effects = effects;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public List<RatingEffects.Applied> ofMember(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return effects.ofMember(memberId);
    }
}
