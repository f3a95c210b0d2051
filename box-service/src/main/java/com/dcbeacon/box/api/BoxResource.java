package com.dcbeacon.box.api;

import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.BoxAddOns;
import com.dcbeacon.box.domain.BoxIssue;
import com.dcbeacon.box.domain.BoxLifecycle;
import com.dcbeacon.box.domain.BoxRemedies;
import com.dcbeacon.box.domain.BoxStatus;
import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRunStatus;
import com.dcbeacon.box.domain.CurationRuns;
import com.dcbeacon.platform.events.Cycle;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class BoxResource {

    public record RunRequest(
            @NotNull @Pattern(regexp = Cycle.PATTERN, message = Cycle.MESSAGE)
            String cycle) {}

    public record IssueRequest(
            @NotNull
            @Pattern(
                    regexp = "DAMAGED|MISSING_ITEMS|WRONG_ITEMS|ALLERGEN_CONCERN",
                    message = "must be DAMAGED, MISSING_ITEMS, WRONG_ITEMS or ALLERGEN_CONCERN")
            String type,

            @Size(max = 50) List<@NotNull UUID> productIds,
            @Size(max = 2000) String note) {}

    public record IssueView(
            UUID issueId,
            UUID boxId,
            BoxIssue.Type type,
            List<UUID> productIds,
            long creditCents,
            OffsetDateTime createdAt) {
        static IssueView of(BoxIssue i) {
            return new IssueView(i.id, i.boxId, i.type, i.productIds, i.creditCents, i.createdAt);
        }
    }

    public record ShipRequest(@NotBlank @Size(max = 100) String trackingNumber) {}

    public record RunView(
            UUID runId,
            String cycle,
            CurationRunStatus status,
            int membersTotal,
            int membersDone,
            int boxesCurated,
            Map<String, Integer> membersSkipped,
            int unfilledSlots,
            Map<String, Map<String, Integer>> campaignFulfilment,
            String failure,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
        static RunView of(CurationRun r) {
            return new RunView(
                    r.id,
                    r.cycle,
                    r.status,
                    r.counts.membersTotal,
                    r.counts.membersDone,
                    r.counts.boxesCurated,
                    r.counts.membersSkipped,
                    r.counts.unfilledSlots,
                    r.campaignFulfilment,
                    r.failure,
                    r.startedAt,
                    r.finishedAt);
        }
    }

    public record ItemView(
            UUID productId, String sku, String name, String brandName, String reason, boolean sponsored) {}

    /** A one-time add-on: {@code quantity} units at {@code unitPriceCents}, together {@code cents}. */
    public record AddOnView(
            UUID productId, String sku, String name, String brandName, int quantity, long unitPriceCents, long cents) {
        static AddOnView of(Box.AddOn a) {
            return new AddOnView(
                    a.productId(), a.sku(), a.name(), a.brandName(), a.quantity(), a.unitPriceCents(), a.cents());
        }
    }

    public record AddOnRequest(
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(100) Integer quantity) {}

    /**
     * A box; {@code priceCents} ({@code currency}) is the price it was curated for, {@code addOnsCents} its add-ons,
     * {@code totalCents} what it costs when it ships.
     */
    public record BoxView(
            UUID id,
            String cycle,
            BoxStatus status,
            List<ItemView> items,
            String planId,
            long priceCents,
            String currency,
            List<AddOnView> addOns,
            long addOnsCents,
            long totalCents,
            String trackingNumber,
            OffsetDateTime curatedAt,
            OffsetDateTime shippedAt,
            OffsetDateTime deliveredAt,
            OffsetDateTime withdrawnAt,
            Box.WithdrawalReason withdrawalReason,
            String shippedBy) {
        /** The member's view: who in the warehouse shipped it is ops' record, not shown. */
        static BoxView of(Box b) {
            return of(b, false);
        }

        /** Ops' view: also who shipped it. */
        static BoxView forOps(Box b) {
            return of(b, true);
        }

        private static BoxView of(Box b, boolean ops) {
            return new BoxView(
                    b.id,
                    b.cycle,
                    b.status,
                    b.items.stream()
                            .map(i -> new ItemView(
                                    i.productId(), i.sku(), i.name(), i.brandName(), i.reason(), i.sponsored()))
                            .toList(),
                    b.planId,
                    b.priceCents,
                    b.currency,
                    b.addOns.stream().map(AddOnView::of).toList(),
                    b.addOnsCents(),
                    b.totalCents(),
                    b.trackingNumber,
                    b.curatedAt,
                    b.shippedAt,
                    b.deliveredAt,
                    b.withdrawnAt,
                    b.withdrawalReason,
                    ops ? b.shippedBy : null);
        }
    }

    private final CurationRuns runs;
    private final BoxLifecycle boxes;
    private final BoxRemedies remedies;
    private final BoxAddOns addOns;
    private final TenantAccess access;
    private final IdempotentRequests idempotent;

    public BoxResource(
            CurationRuns runs,
            BoxLifecycle boxes,
            BoxRemedies remedies,
            BoxAddOns addOns,
            TenantAccess access,
            IdempotentRequests idempotent) {
        this.runs = runs;
        this.boxes = boxes;
        this.remedies = remedies;
        this.addOns = addOns;
        this.access = access;
        this.idempotent = idempotent;
    }

    /** Answered at once with the credit: no questions asked. */
    @POST
    @Path("/boxes/{boxId}/issues")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    public Response reportIssue(@PathParam("boxId") UUID boxId, @NotNull @Valid IssueRequest request) {
        access.requireMember(boxes.require(boxId).memberId, false);
        BoxIssue issue =
                remedies.report(boxId, BoxIssue.Type.valueOf(request.type()), request.productIds(), request.note());
        return Response.status(201).entity(IssueView.of(issue)).build();
    }

    /** Ops see reported issues, above all allergen concerns, which flag a product for review. */
    @GET
    @Path("/issues")
    @RolesAllowed(Roles.OPS)
    public List<IssueView> issues(
            @jakarta.ws.rs.QueryParam("type")
                    @Pattern(regexp = "DAMAGED|MISSING_ITEMS|WRONG_ITEMS|ALLERGEN_CONCERN|RECALL")
                    String type) {
        return remedies.issues(type == null ? null : BoxIssue.Type.valueOf(type)).stream()
                .map(IssueView::of)
                .toList();
    }

    @POST
    @Path("/curation-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPS)
    public Response startRun(@NotNull @Valid RunRequest request) {
        CurationRun run = runs.start(Cycle.parse("cycle", request.cycle()));
        return Response.accepted(Map.of("runId", run.id)).build();
    }

    @GET
    @Path("/curation-runs/{runId}")
    @RolesAllowed(Roles.OPS)
    public RunView run(@PathParam("runId") UUID runId) {
        return RunView.of(runs.require(runId));
    }

    @GET
    @Path("/members/{memberId}/boxes")
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public List<BoxView> boxesOf(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, true);
        return boxes.ofMember(memberId).stream()
                .map(access.isOps() ? BoxView::forOps : BoxView::of)
                .toList();
    }

    @POST
    @Path("/boxes/{boxId}/items/{productId}/swap")
    @RolesAllowed(Roles.MEMBER)
    public BoxView swap(@PathParam("boxId") UUID boxId, @PathParam("productId") UUID productId) {
        access.requireMember(boxes.require(boxId).memberId, false);
        return BoxView.of(boxes.swap(boxId, productId));
    }

    /** The products the box's member may add to it now, with the unit price an add fixes. */
    @GET
    @Path("/boxes/{boxId}/add-ons/options")
    @RolesAllowed(Roles.MEMBER)
    public List<BoxAddOns.Option> addOnOptions(@PathParam("boxId") UUID boxId) {
        access.requireMember(boxes.require(boxId).memberId, false);
        return addOns.options(boxId);
    }

    /** What adding the units would cost, and the box's total after: shown before the member confirms. */
    @GET
    @Path("/boxes/{boxId}/add-ons/quote")
    @RolesAllowed(Roles.MEMBER)
    public BoxAddOns.Quote quoteAddOn(
            @PathParam("boxId") UUID boxId,
            @QueryParam("productId") @NotNull UUID productId,
            @QueryParam("quantity") @NotNull @Min(1) @Max(100) Integer quantity) {
        access.requireMember(boxes.require(boxId).memberId, false);
        return addOns.quote(boxId, productId, quantity);
    }

    /**
     * Adds the units at once; the answer is the box with its add-ons, their prices and its new total. Adds to what the
     * member pays, so it takes an {@code Idempotency-Key} header ({@link IdempotentRequests}): sent again with its key
     * (a retry after a timeout), it answers the first answer and adds nothing more.
     */
    @POST
    @Path("/boxes/{boxId}/add-ons")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    public Response addAddOn(
            @PathParam("boxId") UUID boxId,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @NotNull @Valid AddOnRequest request) {
        access.requireMember(boxes.require(boxId).memberId, false);
        return idempotent.once(
                "add-box-add-on",
                access.actingUser(),
                idempotencyKey,
                List.of(boxId, request),
                () -> Response.ok(BoxView.of(addOns.add(boxId, request.productId(), request.quantity())))
                        .build());
    }

    @DELETE
    @Path("/boxes/{boxId}/add-ons/{productId}")
    @RolesAllowed(Roles.MEMBER)
    public BoxView removeAddOn(@PathParam("boxId") UUID boxId, @PathParam("productId") UUID productId) {
        access.requireMember(boxes.require(boxId).memberId, false);
        return BoxView.of(addOns.remove(boxId, productId));
    }

    @POST
    @Path("/boxes/{boxId}/pack")
    @RolesAllowed(Roles.OPS_WAREHOUSE)
    public BoxView pack(@PathParam("boxId") UUID boxId) {
        return BoxView.forOps(boxes.pack(boxId));
    }

    @POST
    @Path("/boxes/{boxId}/ship")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPS_WAREHOUSE)
    public BoxView ship(@PathParam("boxId") UUID boxId, @NotNull @Valid ShipRequest request) {
        return BoxView.forOps(boxes.ship(boxId, request.trackingNumber(), access.actingUser()));
    }

    @POST
    @Path("/boxes/{boxId}/deliver")
    @RolesAllowed(Roles.OPS_WAREHOUSE)
    public BoxView deliver(@PathParam("boxId") UUID boxId) {
        return BoxView.forOps(boxes.deliver(boxId));
    }
}
