package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.DataErasures;
import com.dcbeacon.member.domain.MemberProfile;
import com.dcbeacon.member.domain.MemberRegistration;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberRegistration registration;
    private final MemberProfile profile;
    private final DataErasures erasures;
    private final TenantAccess access;

    public MemberResource(
            MemberRegistration registration, MemberProfile profile, DataErasures erasures, TenantAccess access) {
        this.registration = registration;
        this.profile = profile;
        this.erasures = erasures;
        this.access = access;
    }

    /**
     * Signs a member up. Sent with the token of a member's account at the identity provider that acts for no member
     * yet, the new member is linked to that account (its {@code sub}); without a token, no account is linked.
     */
    @POST
    @PermitAll
    public Response register(@NotNull @Valid RegisterMemberRequest request, UriInfo uri) {
        var member = registration.register(
                request.email(),
                request.name(),
                request.shippingAddress().toAddress(),
                access.signingUpAccount().orElse(null),
                request.referralCode(),
                request.giftCode());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(member.id.toString()).build())
                .entity(MemberResponse.of(member))
                .build();
    }

    @GET
    @Path("/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public MemberResponse get(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return MemberResponse.of(profile.require(memberId));
    }

    @PUT
    @Path("/{memberId}/address")
    @RolesAllowed(Roles.MEMBER)
    public MemberResponse changeAddress(@PathParam("memberId") UUID memberId, @NotNull @Valid AddressRequest request) {
        access.requireMember(memberId, false);
        return MemberResponse.of(profile.changeAddress(memberId, request.toAddress()));
    }

    @GET
    @Path("/{memberId}/preferences")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public PreferencesResponse preferences(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return PreferencesResponse.of(profile.require(memberId));
    }

    @PUT
    @Path("/{memberId}/preferences")
    @RolesAllowed(Roles.MEMBER)
    public PreferencesResponse changePreferences(
            @PathParam("memberId") UUID memberId, @NotNull @Valid PreferencesRequest request) {
        access.requireMember(memberId, false);
        return PreferencesResponse.of(profile.changePreferences(
                memberId,
                request.allergens(),
                request.dietaryTags(),
                request.likedCategories(),
                request.dislikedCategories(),
                request.sensitiveDataConsent()));
    }

    @GET
    @Path("/{memberId}/communication-preferences")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public CommunicationPreferences communicationPreferences(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return CommunicationPreferences.of(profile.require(memberId));
    }

    @PUT
    @Path("/{memberId}/communication-preferences")
    @RolesAllowed(Roles.MEMBER)
    public CommunicationPreferences changeCommunicationPreferences(
            @PathParam("memberId") UUID memberId, @NotNull @Valid CommunicationPreferences request) {
        access.requireMember(memberId, false);
        return CommunicationPreferences.of(
                profile.changeCommunicationPreferences(memberId, request.marketingEmails(), request.surveys()));
    }

    @GET
    @Path("/{memberId}/notifications")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public List<NotificationResponse> notifications(
            @PathParam("memberId") UUID memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        access.requireMember(memberId, true);
        return profile.notifications(memberId, page, size).stream()
                .map(NotificationResponse::of)
                .toList();
    }

    /** Starts erasure everywhere; personal data in this service is gone when this answers. */
    @DELETE
    @Path("/{memberId}")
    @RolesAllowed(Roles.MEMBER)
    public Response erase(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, false);
        var request = erasures.requestErasure(memberId);
        return Response.accepted(Map.of("erasureId", request.id)).build();
    }

    @GET
    @Path("/{memberId}/erasure")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public ErasureResponse erasure(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return ErasureResponse.of(erasures.erasure(memberId));
    }
}
