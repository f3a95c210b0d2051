package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.MemberRegistration;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.platform.problem.ProblemException;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

@Path("/api/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberRegistration registration;
    private final MemberRepository members;
    private final TenantAccess access;

    public MemberResource(MemberRegistration registration, MemberRepository members, TenantAccess access) {
        this.registration = registration;
        this.members = members;
        this.access = access;
    }

    @POST
    @PermitAll
    public Response register(@NotNull @Valid RegisterMemberRequest request, UriInfo uri) {
        var member = registration.register(request.email(), request.name(), request.shippingAddress().toAddress());
        return Response.created(uri.getAbsolutePathBuilder().path(member.id.toString()).build())
                .entity(MemberResponse.of(member)).build();
    }

    @GET
    @Path("/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public MemberResponse get(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return members.findByIdOptional(memberId).map(MemberResponse::of)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
    }
}
