package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Gift;
import com.dcbeacon.member.domain.GiftStatus;
import com.dcbeacon.member.domain.GiftTerms;
import com.dcbeacon.member.domain.Gifts;
import com.dcbeacon.member.domain.SubscriptionService;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gifts: a member buys N cycles of a plan for someone else and reads the status of the gifts they bought (another
 * member's id or gift: 404); a member claims a gift with its code.
 */
@Path("/api/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
public class GiftResource {

    /** {@code startCycle}: the first cycle to give (default: next month's). */
    public record PurchaseRequest(
            @NotBlank @Size(max = 40) String planId,

            @NotNull @Min(GiftTerms.MIN_CYCLES) @Max(GiftTerms.MAX_CYCLES)
            Integer cycles,

            @Pattern(regexp = Cycles.PATTERN, message = Cycles.MESSAGE)
            String startCycle,

            @PositiveOrZero @Max(10_000_000) Long shownPriceCents) {}

    public record ClaimRequest(@NotBlank @Size(max = 60) String code) {}

    /**
     * A gift as its buyer sees it: never anything of the recipient but whether it was claimed and how many boxes it
     * paid for so far. {@code claimCode} and {@code claimUrl} only while it can be claimed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GiftResponse(
            UUID id,
            String status,
            String planId,
            int cycles,
            long priceCents,
            long totalCents,
            String currency,
            String startCycle,
            LocalDate startsOn,
            OffsetDateTime purchasedAt,
            OffsetDateTime claimExpiresAt,
            String claimCode,
            String claimUrl,
            OffsetDateTime claimedAt,
            String firstCycle,
            String lastCycle,
            int boxesShipped,
            OffsetDateTime refundedAt) {

        static GiftResponse of(Gift g, String portalUrl) {
            boolean claimable = g.status == GiftStatus.UNCLAIMED;
            return new GiftResponse(
                    g.id,
                    g.status.name(),
                    g.planId,
                    g.cycles,
                    g.priceCents,
                    g.totalCents,
                    g.currency,
                    g.startCycle,
                    YearMonth.parse(g.startCycle).atDay(1),
                    g.purchasedAt,
                    g.claimExpiresAt,
                    claimable ? g.claimCode : null,
                    claimable ? portalUrl + "/gift/claim?code=" + g.claimCode : null,
                    g.claimedAt,
                    g.firstCycle,
                    g.lastCycle,
                    g.boxesShipped,
                    g.refundedAt);
        }
    }

    private final Gifts gifts;
    private final SubscriptionService subscriptions;
    private final TenantAccess access;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final String portalUrl;

    public GiftResource(
            Gifts gifts,
            SubscriptionService subscriptions,
            TenantAccess access,
            IdempotentRequests idempotent,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.portal.base-url") String portalUrl) {
        this.gifts = gifts;
        this.subscriptions = subscriptions;
        this.access = access;
        this.idempotent = idempotent;
        this.clock = clock;
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }

    /**
     * Buys a gift: charges the buyer. Moves money, so it takes an {@code Idempotency-Key} header ({@link
     * IdempotentRequests}): sent again with its key (a double click, a retry after a timeout), it answers the first
     * answer and buys and charges nothing more.
     */
    @POST
    @Path("/gifts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    public Response purchase(
            @PathParam("memberId") UUID memberId,
            @HeaderParam(ConsentOrigins.HEADER) String channel,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @NotNull @Valid PurchaseRequest request) {
        access.requireMember(memberId, false);
        YearMonth start = Cycles.parse("startCycle", request.startCycle(), YearMonth.now(clock));
        return idempotent.once("purchase-gift", access.actingUser(), idempotencyKey, List.of(memberId, request), () -> {
            Gift gift = gifts.purchase(
                    memberId,
                    new Gifts.Purchase(request.planId(), request.cycles(), start, request.shownPriceCents()),
                    ConsentOrigins.member(memberId, channel));
            return Response.status(201).entity(GiftResponse.of(gift, portalUrl)).build();
        });
    }

    @GET
    @Path("/gifts")
    @RolesAllowed(Roles.MEMBER)
    public List<GiftResponse> bought(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, false);
        return gifts.boughtBy(memberId).stream()
                .map(g -> GiftResponse.of(g, portalUrl))
                .toList();
    }

    @GET
    @Path("/gifts/{giftId}")
    @RolesAllowed(Roles.MEMBER)
    public GiftResponse one(@PathParam("memberId") UUID memberId, @PathParam("giftId") UUID giftId) {
        access.requireMember(memberId, false);
        return GiftResponse.of(gifts.bought(memberId, giftId), portalUrl);
    }

    /** The member claims a gift for their own account: 201 with the subscription the gift pays for. */
    @POST
    @Path("/gift-claims")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    public Response claim(@PathParam("memberId") UUID memberId, @NotNull @Valid ClaimRequest request) {
        access.requireMember(memberId, false);
        gifts.claim(memberId, request.code(), "code");
        return Response.status(201)
                .entity(SubscriptionResponse.of(subscriptions.current(memberId)))
                .build();
    }
}
