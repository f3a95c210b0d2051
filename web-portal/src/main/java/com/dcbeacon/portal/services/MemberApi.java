package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * member-service's API (member-service/README.md), called with the signed-in account's access token. Every call says
 * it comes from the web ({@code Dcbeacon-Channel: WEB}): member-service keeps that channel on the records of consent.
 */
@RegisterRestClient(configKey = "member-service")
@AccessToken
@ClientHeaderParam(name = "Dcbeacon-Channel", value = "WEB")
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

    @PUT
    @Path("/members/{id}/address")
    Member changeAddress(@PathParam("id") UUID member, Views.Address address);

    @GET
    @Path("/members/{id}/communication-preferences")
    Communication communication(@PathParam("id") UUID member);

    @PUT
    @Path("/members/{id}/communication-preferences")
    Communication changeCommunication(@PathParam("id") UUID member, Communication communication);

    /** The quote to reactivate a cancelled subscription: 404 without one, 409 while one is open. */
    @GET
    @Path("/members/{id}/subscription/reactivation")
    ReactivationQuote reactivationQuote(@PathParam("id") UUID member);

    /** Reactivates at the quoted prices: 201 ACTIVE; 409 when the price is no longer the one quoted. */
    @POST
    @Path("/members/{id}/subscription/reactivation")
    Views.Subscription reactivate(@PathParam("id") UUID member, Reactivate reactivate);

    /** Buys a gift for someone else: one charge of the whole price, once per {@code Idempotency-Key}. */
    @POST
    @Path("/members/{id}/gifts")
    Gift buyGift(
            @PathParam("id") UUID member, @HeaderParam("Idempotency-Key") String idempotencyKey, GiftPurchase purchase);

    @GET
    @Path("/members/{id}/gifts")
    List<Gift> gifts(@PathParam("id") UUID member);

    @GET
    @Path("/members/{id}/referral")
    Referral referral(@PathParam("id") UUID member);

    @GET
    @Path("/members/{id}/consent-records")
    ConsentRecords consentRecords(@PathParam("id") UUID member, @QueryParam("size") int size);

    /** The account as member-service answers it ({@code shippingAddress} without {@code line2} on the pages). */
    record Member(UUID id, String email, String name, Views.Address shippingAddress) {}

    /** Which mail the member wants beyond what their boxes and account need: news and offers, surveys. */
    record Communication(boolean marketingEmails, boolean surveys) {}

    /** What reactivating costs now; the member confirms by sending {@code priceCents} and {@code currency} back. */
    record ReactivationQuote(
            String planId,
            String planName,
            long priceCents,
            String currency,
            String billingCycle,
            String firstCycle,
            Views.UpcomingPrice upcomingPrice,
            String terms) {}

    /** {@code upcomingPriceCents}: the quote's upcoming price, when it showed one. */
    record Reactivate(long priceCents, String currency, Long upcomingPriceCents) {}

    /** {@code shownPriceCents}: the plan's price per cycle the page showed. */
    record GiftPurchase(String planId, int cycles, String startCycle, long shownPriceCents) {}

    /** A gift as its buyer sees it: never anything of the recipient; the code and link only while unclaimed. */
    record Gift(
            UUID id,
            String status,
            String planId,
            int cycles,
            long priceCents,
            long totalCents,
            String currency,
            String startCycle,
            OffsetDateTime purchasedAt,
            OffsetDateTime claimExpiresAt,
            String claimCode,
            String claimUrl,
            OffsetDateTime claimedAt,
            int boxesShipped,
            OffsetDateTime refundedAt) {}

    record Referral(String code, long referrerCreditCents, long refereeCreditCents, List<Referred> referrals) {}

    /** A referral made; nothing of the person referred. */
    record Referred(
            UUID referralId,
            String status,
            OffsetDateTime referredAt,
            OffsetDateTime creditedAt,
            long creditCents,
            OffsetDateTime reversedAt) {}

    record ConsentRecords(List<ConsentRecord> records, long totalRecords) {}

    record ConsentRecord(
            String action,
            String planId,
            long priceCents,
            String currency,
            String billingCycle,
            String firstCycle,
            String terms,
            String channel,
            OffsetDateTime recordedAt) {}
}
