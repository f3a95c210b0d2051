package com.dcbeacon.feedback.api;

import com.dcbeacon.feedback.domain.FollowUp;
import com.dcbeacon.feedback.domain.FollowUpStatus;
import com.dcbeacon.feedback.domain.FollowUps;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Ops follow up every detractor within two days; overdue cases say so. */
@Path("/api/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class FollowUpResource {

    public record CloseRequest(@NotBlank @Size(max = 2000) String note) {}

    public record FollowUpView(
            UUID id,
            FollowUpStatus status,
            int score,
            String comment,
            UUID memberId,
            String planId,
            OffsetDateTime openedAt,
            long ageHours,
            OffsetDateTime dueAt,
            boolean overdue,
            OffsetDateTime closedAt,
            String closedBy,
            String note) {
        static FollowUpView of(FollowUp f, OffsetDateTime now) {
            return new FollowUpView(
                    f.id,
                    f.status,
                    f.score,
                    f.comment,
                    f.memberId,
                    f.planId,
                    f.openedAt,
                    Duration.between(f.openedAt, now).toHours(),
                    f.dueAt,
                    f.isOverdue(now),
                    f.closedAt,
                    f.closedBy,
                    f.note);
        }
    }

    private final FollowUps followUps;
    private final TenantAccess access;

    public FollowUpResource(FollowUps followUps, TenantAccess access) {
        this.followUps = followUps;
        this.access = access;
    }

    @GET
    public List<FollowUpView> list(
            @QueryParam("status") @DefaultValue("OPEN") @Pattern(regexp = "OPEN|CLOSED") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return followUps.withStatus(FollowUpStatus.valueOf(status), page, size).stream()
                .map(f -> FollowUpView.of(f, now))
                .toList();
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public FollowUpView close(@PathParam("id") UUID id, @NotNull @Valid CloseRequest request) {
        FollowUp closed = followUps.close(id, request.note(), access.actingUser());
        // Its age as of the moment it was closed.
        return FollowUpView.of(closed, closed.closedAt);
    }
}
