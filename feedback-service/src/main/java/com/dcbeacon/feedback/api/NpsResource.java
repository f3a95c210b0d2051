package com.dcbeacon.feedback.api;

import com.dcbeacon.feedback.domain.NpsCalculator;
import com.dcbeacon.feedback.domain.NpsReports;
import com.dcbeacon.feedback.domain.NpsReports.Report;
import com.dcbeacon.feedback.domain.NpsResponse;
import com.dcbeacon.feedback.domain.NpsSurveys;
import com.dcbeacon.feedback.domain.SurveyEligibility;
import com.dcbeacon.platform.problem.ProblemException;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class NpsResource {

    public record NpsAnswer(
            @NotNull @Min(0) @Max(10) Integer score,
            @Size(max = 2000) String comment) {}

    private static final int MAX_DAYS = 366;

    private final NpsSurveys surveys;
    private final NpsReports reports;
    private final TenantAccess access;

    public NpsResource(NpsSurveys surveys, NpsReports reports, TenantAccess access) {
        this.surveys = surveys;
        this.reports = reports;
        this.access = access;
    }

    @GET
    @Path("/members/{memberId}/nps-survey")
    @RolesAllowed(Roles.MEMBER)
    public SurveyEligibility.Decision survey(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, false);
        return surveys.eligibility(memberId);
    }

    @POST
    @Path("/members/{memberId}/nps")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MEMBER)
    public Response answer(@PathParam("memberId") UUID memberId, @NotNull @Valid NpsAnswer answer) {
        access.requireMember(memberId, false);
        NpsResponse response = surveys.answer(memberId, answer.score(), answer.comment());
        return Response.status(201)
                .entity(Map.of("id", response.id, "score", response.score, "answeredAt", response.answeredAt))
                .build();
    }

    @GET
    @Path("/nps")
    @RolesAllowed(Roles.OPS)
    public Report report(
            @QueryParam("from") @NotNull String from,
            @QueryParam("to") @NotNull String to,
            @QueryParam("interval") @DefaultValue("day") @Pattern(regexp = "day|week", message = "must be day or week")
                    String interval,
            @QueryParam("groupBy") @Pattern(regexp = "plan", message = "must be plan") String groupBy) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ProblemException.invalidField("to", "the range may span at most " + MAX_DAYS + " days");
        }
        NpsCalculator.Interval step =
                interval.equals("week") ? NpsCalculator.Interval.WEEK : NpsCalculator.Interval.DAY;
        return reports.report(start, end, step, groupBy != null);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date written YYYY-MM-DD");
        }
    }
}
