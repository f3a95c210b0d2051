package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Ledger;
import com.dcbeacon.member.domain.LedgerEntry;
import com.dcbeacon.member.domain.LedgerStatements;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.util.UUID;

@Path("/api/members/{memberId}/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LedgerResource {

    public record Entry(String type, long amountCents, String reason, UUID boxId, OffsetDateTime at) {
        static Entry of(LedgerEntry e) {
            return new Entry(e.type.name(), e.amountCents, e.reason, e.boxId, e.at);
        }
    }

    /** A positive balance is money owed to the member; {@code entries} is one page, oldest first. */
    public record LedgerResponse(List<Entry> entries, long balanceCents, int page, int size, long totalEntries) {}

    /** {@code boxId}, if given, names the box the credit makes good on: then it is at most what is left of its charge. */
    public record CreditRequest(
            @NotNull @Positive @Max(100_000) Long amountCents,
            @NotBlank @Size(max = 500) String reason,
            UUID boxId) {}

    private final Ledger ledger;
    private final LedgerStatements statements;
    private final TenantAccess access;
    private final IdempotentRequests idempotent;

    public LedgerResource(
            Ledger ledger, LedgerStatements statements, TenantAccess access, IdempotentRequests idempotent) {
        this.ledger = ledger;
        this.statements = statements;
        this.access = access;
        this.idempotent = idempotent;
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OPS})
    public LedgerResponse get(
            @PathParam("memberId") UUID memberId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        access.requireMember(memberId, true);
        LedgerStatements.Page entries = statements.page(memberId, page, size);
        return new LedgerResponse(
                entries.entries().stream().map(Entry::of).toList(),
                entries.balanceCents(),
                page,
                size,
                entries.totalEntries());
    }

    /**
     * Ops make good on a mistake the member reported outside a box event. A credit for a box books at most what is
     * left of its charge (the answer shows what was booked); 409 when nothing is left. Moves money, so it takes an
     * {@code Idempotency-Key} header ({@link IdempotentRequests}): the same request sent again with its key books
     * nothing more and answers the first answer.
     */
    @POST
    @Path("/credits")
    @RolesAllowed(Roles.OPS_FINANCE)
    public Response grantCredit(
            @PathParam("memberId") UUID memberId,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @NotNull @Valid CreditRequest request) {
        String actor = access.actingUser();
        return idempotent.once(
                "grant-credit",
                actor,
                idempotencyKey,
                List.of(memberId, request),
                () -> Response.status(201)
                        .entity(Entry.of(ledger.grantCredit(
                                memberId, request.boxId(), request.amountCents(), request.reason(), actor)))
                        .build());
    }
}
