package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.OpsBoxApi;
import com.dcbeacon.portal.services.OpsFeedbackApi;
import com.dcbeacon.portal.services.OpsMemberApi;
import com.dcbeacon.portal.services.Problem;
import com.dcbeacon.portal.services.Views;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The ops pages (an account with the realm role {@code ops}): the NPS trend as a chart and a table, the follow-ups of
 * detractors, a curation run started and watched, products under review after an allergen concern, and a plan's price
 * change announced. Any other account is refused here (403); the services check the token anyway, e.g. only
 * {@code ops-finance} may announce a price.
 */
@Path("/ops")
@Produces(MediaType.TEXT_HTML)
public class OpsPages {

    @Inject
    SignedInAccount signedIn;

    @Inject
    @RestClient
    OpsFeedbackApi feedback;

    @Inject
    @RestClient
    OpsBoxApi boxes;

    @Inject
    @RestClient
    OpsMemberApi members;

    /** The NPS report's form as asked; {@code byPlan} adds a series per plan. */
    public record NpsQuery(String from, String to, String interval, boolean byPlan) {}

    /** One series of the chart and its table: {@code id} names the table, {@code label} the line. */
    public record Series(String id, String label, OpsFeedbackApi.NpsReport figures) {}

    /** The price change form as typed, shown again with a refusal. */
    public record PriceForm(String planId, String newPrice, String effectiveOn) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index();

        static native TemplateInstance nps(NpsQuery query, List<Series> series, Problem problem);

        static native TemplateInstance followUps(
                List<OpsFeedbackApi.FollowUp> followUps, UUID failed, String done, Problem problem);

        static native TemplateInstance curation(String cycle, List<OpsBoxApi.WaitingMember> waiting, Problem problem);

        static native TemplateInstance run(OpsBoxApi.Run run, List<OpsBoxApi.WaitingMember> waiting);

        static native TemplateInstance run$progress(OpsBoxApi.Run run);

        static native TemplateInstance reviews(List<OpsBoxApi.Review> reviews, String done);

        static native TemplateInstance clearReview(OpsBoxApi.Review review);

        static native TemplateInstance priceChange(
                List<Views.Plan> plans, PriceForm form, String idempotencyKey, String done, Problem problem);
    }

    @GET
    public TemplateInstance index() {
        requireOps();
        return Templates.index();
    }

    // --- NPS trend

    @GET
    @Path("/nps")
    public Response nps(
            @RestQuery String from, @RestQuery String to, @RestQuery String interval, @RestQuery boolean byPlan) {
        requireOps();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        NpsQuery query = new NpsQuery(
                blank(from) ? today.minusDays(27).toString() : from.strip(),
                blank(to) ? today.toString() : to.strip(),
                blank(interval) ? "day" : interval,
                byPlan);
        try {
            OpsFeedbackApi.NpsReport report =
                    feedback.nps(query.from(), query.to(), query.interval(), byPlan ? "plan" : null);
            return Response.ok(Templates.nps(query, series(report), Problem.none()))
                    .build();
        } catch (WebApplicationException refused) {
            return refusal(refused, Templates.nps(query, List.of(), Problem.of(refused)));
        }
    }

    /** All plans first, then one series per plan when grouped, in feedback-service's order. */
    static List<Series> series(OpsFeedbackApi.NpsReport report) {
        List<Series> series = new ArrayList<>();
        series.add(new Series("nps-all", "All plans", report));
        if (report.byPlan() != null) {
            report.byPlan()
                    .forEach((plan, figures) -> series.add(new Series("nps-plan-" + plan, "Plan " + plan, figures)));
        }
        return series;
    }

    // --- follow-ups

    @GET
    @Path("/follow-ups")
    public TemplateInstance followUps(@RestQuery String done) {
        requireOps();
        return Templates.followUps(feedback.followUps("OPEN", 200), null, done, Problem.none());
    }

    @POST
    @Path("/follow-ups/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response closeFollowUp(@PathParam("id") UUID id, @RestForm String note) {
        requireOps();
        if (blank(note)) {
            return Response.status(400)
                    .entity(Templates.followUps(
                            feedback.followUps("OPEN", 200), id, null, Problem.ofField("note", "write what was done")))
                    .build();
        }
        try {
            feedback.close(id, new OpsFeedbackApi.Close(note.strip()));
        } catch (WebApplicationException refused) {
            return refusal(
                    refused, Templates.followUps(feedback.followUps("OPEN", 200), id, null, Problem.of(refused)));
        }
        return Pages.seeOther("/ops/follow-ups?done=closed");
    }

    // --- curation runs

    @GET
    @Path("/curation")
    public TemplateInstance curation() {
        requireOps();
        String next = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        return Templates.curation(next, boxes.waitingMembers(), Problem.none());
    }

    @POST
    @Path("/curation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response startRun(@RestForm String cycle) {
        requireOps();
        String typed = cycle == null ? "" : cycle.strip();
        try {
            OpsBoxApi.RunStarted started = boxes.startRun(new OpsBoxApi.RunRequest(typed));
            return Pages.seeOther("/ops/curation/runs/" + started.runId());
        } catch (WebApplicationException refused) {
            return refusal(refused, Templates.curation(typed, boxes.waitingMembers(), Problem.of(refused)));
        }
    }

    /** The run's progress; while it runs, the progress part asks for itself again every second (htmx). */
    @GET
    @Path("/curation/runs/{runId}")
    public TemplateInstance run(@PathParam("runId") UUID runId) {
        requireOps();
        return Templates.run(boxes.run(runId), boxes.waitingMembers());
    }

    @GET
    @Path("/curation/runs/{runId}/progress")
    public TemplateInstance progress(@PathParam("runId") UUID runId) {
        requireOps();
        return Templates.run$progress(boxes.run(runId));
    }

    // --- product reviews

    @GET
    @Path("/reviews")
    public TemplateInstance reviews(@RestQuery String done) {
        requireOps();
        return Templates.reviews(boxes.reviews(), done);
    }

    /** The confirmation before a review is cleared: what the product is under review for. */
    @GET
    @Path("/reviews/{productId}/clear")
    public TemplateInstance confirmClear(@PathParam("productId") UUID productId) {
        requireOps();
        OpsBoxApi.Review review = boxes.reviews().stream()
                .filter(r -> r.productId().equals(productId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no open review of the product"));
        return Templates.clearReview(review);
    }

    @POST
    @Path("/reviews/{productId}/clear")
    public Response clearReview(@PathParam("productId") UUID productId) {
        requireOps();
        boxes.clearReview(productId);
        return Pages.seeOther("/ops/reviews?done=cleared");
    }

    // --- price changes

    @GET
    @Path("/price-changes")
    public TemplateInstance priceChange(@RestQuery String done) {
        requireOps();
        return Templates.priceChange(members.plans(), new PriceForm("", "", ""), newKey(), done, Problem.none());
    }

    /**
     * Announces a plan's new price: the amount typed in euros is sent as exact cents (more than two decimals refused
     * here, never rounded), with the form's {@code Idempotency-Key}, so a form sent twice announces once.
     */
    @POST
    @Path("/price-changes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response announcePriceChange(
            @RestForm String planId,
            @RestForm String newPrice,
            @RestForm String effectiveOn,
            @RestForm String idempotencyKey) {
        requireOps();
        PriceForm form = new PriceForm(planId, newPrice, effectiveOn);
        Optional<Long> cents = Euros.toCents(newPrice);
        if (cents.isEmpty()) {
            return priceRefused(form, Problem.ofField("newPrice", Euros.REFUSAL));
        }
        LocalDate on;
        try {
            on = LocalDate.parse(effectiveOn == null ? "" : effectiveOn.strip());
        } catch (DateTimeParseException e) {
            return priceRefused(form, Problem.ofField("effectiveOn", "choose the date the new price takes effect"));
        }
        try {
            members.announcePriceChange(planId, idempotencyKey, new OpsMemberApi.PriceChange(cents.get(), on));
        } catch (WebApplicationException refused) {
            return priceRefused(form, renamed(Problem.of(refused), "newPriceCents", "newPrice"));
        }
        return Pages.seeOther("/ops/price-changes?done=" + planId);
    }

    /** The form again with its refusal and a new key: nothing was announced, so a corrected form is a new request. */
    private Response priceRefused(PriceForm form, Problem problem) {
        return Response.status(problem.status())
                .entity(Templates.priceChange(members.plans(), form, newKey(), null, problem))
                .build();
    }

    /** The problem with a service's field name as the form's (cents are typed as euros). */
    static Problem renamed(Problem problem, String serviceField, String formField) {
        Map<String, String> fields = new HashMap<>(problem.fields());
        String message = fields.remove(serviceField);
        if (message != null) {
            fields.put(formField, message);
        }
        return new Problem(problem.status(), problem.summary(), fields);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static Response refusal(WebApplicationException refused, TemplateInstance page) {
        int status = refused.getResponse().getStatus();
        if (status == 401 || status >= 500) {
            throw refused;
        }
        return Response.status(status).entity(page).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void requireOps() {
        if (!signedIn.isOps()) {
            throw new ForbiddenException("not an ops account");
        }
    }
}
