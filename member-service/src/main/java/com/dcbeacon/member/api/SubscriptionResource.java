package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.BoxPreviews;
import com.dcbeacon.member.domain.SubscriptionService;
import com.dcbeacon.member.domain.SubscriptionService.PricedSubscription;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;

/** One call for each change, effective at once and confirmed in the answer. */
@Path("/api/members/{memberId}/subscription")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final BoxPreviews previews;
    private final TenantAccess access;
    private final Clock clock;

    public SubscriptionResource(
            SubscriptionService subscriptions, BoxPreviews previews, TenantAccess access, Clock clock) {
        this.subscriptions = subscriptions;
        this.previews = previews;
        this.access = access;
        this.clock = clock;
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @RolesAllowed(Roles.MEMBER)
    public Response subscribe(
            @PathParam("memberId") UUID memberId,
            @HeaderParam(ConsentOrigins.HEADER) String channel,
            @NotNull @Valid SubscriptionRequests.Subscribe request) {
        access.requireMember(memberId, false);
        return Response.status(201)
                .entity(SubscriptionResponse.of(subscriptions.subscribe(
                        memberId,
                        request.planId(),
                        shown(request.shownPriceCents(), request.shownUpcomingPriceCents()),
                        ConsentOrigins.member(memberId, channel))))
                .build();
    }

    /** What reactivating the cancelled subscription costs now, shown before the member confirms it. */
    @GET
    @Path("/reactivation")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public ReactivationQuoteResponse reactivationQuote(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return ReactivationQuoteResponse.of(subscriptions.reactivationQuote(memberId));
    }

    /** Reactivates at the quoted prices; 409 when the price or the announced upcoming price is no longer as quoted. */
    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/reactivation")
    @RolesAllowed(Roles.MEMBER)
    public Response reactivate(
            @PathParam("memberId") UUID memberId,
            @HeaderParam(ConsentOrigins.HEADER) String channel,
            @NotNull @Valid SubscriptionRequests.Reactivate request) {
        access.requireMember(memberId, false);
        PricedSubscription reactivated = subscriptions.reactivate(
                memberId,
                request.priceCents(),
                request.currency(),
                Optional.ofNullable(request.upcomingPriceCents()),
                ConsentOrigins.member(memberId, channel));
        return Response.status(201)
                .entity(SubscriptionResponse.of(
                        reactivated,
                        ChangeEffects.resumed(reactivated.nextCycle().orElseThrow())))
                .build();
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public SubscriptionResponse get(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        SubscriptionService.SubscriptionRead read = subscriptions.read(memberId);
        return SubscriptionResponse.read(
                read.priced(), previews.changeWindow(read.newestPreview()).orElse(null));
    }

    @POST
    @Path("/pause")
    @RolesAllowed(Roles.MEMBER)
    public SubscriptionResponse pause(@PathParam("memberId") UUID memberId, @Valid SubscriptionRequests.Pause request) {
        access.requireMember(memberId, false);
        YearMonth until =
                Cycles.parse("untilCycle", request == null ? null : request.untilCycle(), YearMonth.now(clock));
        return SubscriptionResponse.of(subscriptions.pause(memberId, until), ChangeEffects.paused(until));
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Roles.MEMBER)
    public SubscriptionResponse resume(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, false);
        PricedSubscription resumed = subscriptions.resume(memberId);
        return SubscriptionResponse.of(
                resumed, ChangeEffects.resumed(resumed.nextCycle().orElseThrow()));
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/skip")
    @RolesAllowed(Roles.MEMBER)
    public SubscriptionResponse skip(
            @PathParam("memberId") UUID memberId, @NotNull @Valid SubscriptionRequests.Skip request) {
        access.requireMember(memberId, false);
        YearMonth cycle = Cycles.parse("cycle", request.cycle(), YearMonth.now(clock));
        return SubscriptionResponse.of(subscriptions.skip(memberId, cycle), ChangeEffects.skipped(cycle));
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/plan")
    @RolesAllowed(Roles.MEMBER)
    public SubscriptionResponse changePlan(
            @PathParam("memberId") UUID memberId,
            @HeaderParam(ConsentOrigins.HEADER) String channel,
            @NotNull @Valid SubscriptionRequests.ChangePlan request) {
        access.requireMember(memberId, false);
        return SubscriptionResponse.of(
                subscriptions.changePlan(
                        memberId,
                        request.planId(),
                        shown(request.shownPriceCents(), request.shownUpcomingPriceCents()),
                        ConsentOrigins.member(memberId, channel)),
                ChangeEffects.PLAN_CHANGED);
    }

    @POST
    @Path("/cancel")
    @RolesAllowed(Roles.MEMBER)
    public SubscriptionResponse cancel(
            @PathParam("memberId") UUID memberId,
            @HeaderParam(ConsentOrigins.HEADER) String channel,
            @Valid SubscriptionRequests.Cancel request) {
        access.requireMember(memberId, false);
        return SubscriptionResponse.of(
                subscriptions.cancel(
                        memberId, request == null ? null : request.reason(), ConsentOrigins.member(memberId, channel)),
                ChangeEffects.cancelled());
    }

    /** The price shown, checked only when the client sent it (the web portal always does). */
    private static Optional<SubscriptionService.ShownPrice> shown(Long priceCents, Long upcomingPriceCents) {
        return Optional.ofNullable(priceCents)
                .map(price -> new SubscriptionService.ShownPrice(price, Optional.ofNullable(upcomingPriceCents)));
    }
}
