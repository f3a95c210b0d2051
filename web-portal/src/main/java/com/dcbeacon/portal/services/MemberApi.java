package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** member-service's API (member-service/README.md), called with the signed-in account's access token. */
@RegisterRestClient(configKey = "member-service")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface MemberApi {

    @POST
    @Path("/members")
    Member signUp(Views.SignUp signUp);

    @GET
    @Path("/members/{id}")
    Member member(@PathParam("id") UUID member);

    @GET
    @Path("/plans")
    List<Views.Plan> plans();

    @GET
    @Path("/members/{id}/subscription")
    Views.Subscription subscription(@PathParam("id") UUID member);

    @POST
    @Path("/members/{id}/subscription")
    Views.Subscription subscribe(@PathParam("id") UUID member, Views.Subscribe subscribe);

    @POST
    @Path("/members/{id}/subscription/skip")
    Views.Subscription skip(@PathParam("id") UUID member, Views.Skip skip);

    /** Pauses until the end of {@code untilCycle} ({@code YYYY-MM}, the last month without a box), or until resumed. */
    @POST
    @Path("/members/{id}/subscription/pause")
    Views.Subscription pause(@PathParam("id") UUID member, Views.Pause pause);

    @POST
    @Path("/members/{id}/subscription/resume")
    Views.Subscription resume(@PathParam("id") UUID member);

    /** A plan change at the price the member was shown ({@code shownPriceCents}; 409 when it is no longer the price). */
    @PUT
    @Path("/members/{id}/subscription/plan")
    Views.Subscription changePlan(@PathParam("id") UUID member, Views.ChangePlan change);

    @POST
    @Path("/members/{id}/subscription/cancel")
    Views.Subscription cancel(@PathParam("id") UUID member, Views.Cancel cancel);

    @GET
    @Path("/members/{id}/preferences")
    Views.Preferences preferences(@PathParam("id") UUID member);

    @PUT
    @Path("/members/{id}/preferences")
    Views.Preferences changePreferences(@PathParam("id") UUID member, Views.Preferences preferences);

    @GET
    @Path("/members/{id}/ledger")
    Views.Ledger ledger(@PathParam("id") UUID member, @QueryParam("size") int size);

    /** Claims a gift for the member: member-service answers the subscription the gift pays for (201). */
    @POST
    @Path("/members/{id}/gift-claims")
    Views.Subscription claimGift(@PathParam("id") UUID member, Views.GiftClaim claim);

    /** The account as member-service answers it. */
    record Member(UUID id, String email, String name) {}
}
