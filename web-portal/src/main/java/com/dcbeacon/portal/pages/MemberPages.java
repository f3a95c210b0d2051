package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.BoxApi;
import com.dcbeacon.portal.services.MemberApi;
import com.dcbeacon.portal.services.Problem;
import com.dcbeacon.portal.services.Views;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The member's pages: sign-up, the next box with every item's reason, swap, skip, cancel. Each action is one form,
 * sent to the service that decides it; the page it redirects to confirms it, and a refusal is shown next to the field
 * the service's problem names.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MemberPages {

    @Inject
    SignedInAccount signedIn;

    @Inject
    OidcSession session;

    @Inject
    @RestClient
    MemberApi members;

    @Inject
    @RestClient
    BoxApi boxes;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(
                MemberApi.Member member,
                Views.Subscription subscription,
                List<Views.Plan> plans,
                Views.Box nextBox,
                List<String> pauseCycles,
                MemberApi.ReactivationQuote reactivation,
                String done,
                Problem problem);

        static native TemplateInstance signUp(SignUpForm form, Problem problem);

        static native TemplateInstance giftClaim(String code, String codeError, Problem problem);

        static native TemplateInstance linking();
    }

    /** The sign-up form's fields, kept to show them again with the service's answer. */
    public record SignUpForm(
            String name,
            String email,
            String line1,
            String city,
            String postalCode,
            String country,
            String giftCode,
            String referralCode) {}

    @GET
    public Response home(@RestQuery String done) {
        if (signedIn.isBrand()) {
            return Pages.seeOther("/brand");
        }
        if (signedIn.isOps()) {
            return Pages.seeOther("/ops");
        }
        Optional<UUID> member = signedIn.memberId();
        if (member.isEmpty()) {
            return Pages.seeOther("/sign-up");
        }
        return Response.ok(home(member.get(), done, Problem.none())).build();
    }

    private TemplateInstance home(UUID member, String done, Problem problem) {
        Views.Subscription subscription = ifExists(() -> members.subscription(member));
        Views.Box nextBox = nextBox(boxes, member);
        // a cancelled subscription comes back through member-service's reactivation quote, not a new sign-up to a plan;
        // an open one may change plan (a gift's may not)
        List<Views.Plan> plans =
                subscription == null || (subscription.open() && !subscription.gift()) ? members.plans() : List.of();
        // a cancelled subscription shows member-service's quote to reactivate it, at the price the button sends
        MemberApi.ReactivationQuote reactivation =
                subscription != null && !subscription.open() ? ifExists(() -> members.reactivationQuote(member)) : null;
        return Templates.home(
                members.member(member),
                subscription,
                plans,
                nextBox,
                pauseCycles(subscription),
                reactivation,
                done,
                problem);
    }

    /** The member's next box: the newest CURATED or PACKED one, or null. */
    static Views.Box nextBox(BoxApi boxes, UUID member) {
        return boxes.boxes(member).stream()
                .filter(Views.Box::upcoming)
                .reduce((earlier, later) -> later)
                .orElse(null);
    }

    /**
     * The months a pause may end with (the last month without a box): the next six from the subscription's next box
     * on; member-service decides what it accepts.
     */
    static List<String> pauseCycles(Views.Subscription subscription) {
        YearMonth first = subscription != null && subscription.nextCycle() != null
                ? YearMonth.parse(subscription.nextCycle())
                : YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        return IntStream.range(0, 6)
                .mapToObj(i -> first.plusMonths(i).toString())
                .toList();
    }

    @GET
    @Path("sign-up")
    public TemplateInstance signUpForm() {
        return Templates.signUp(new SignUpForm("", signedIn.email(), "", "", "", "", "", ""), Problem.none());
    }

    @POST
    @Path("sign-up")
    public Response signUp(
            @RestForm String name,
            @RestForm String email,
            @RestForm String line1,
            @RestForm String city,
            @RestForm String postalCode,
            @RestForm String country,
            @RestForm String giftCode,
            @RestForm String referralCode) {
        SignUpForm form = new SignUpForm(name, email, line1, city, postalCode, country, giftCode, referralCode);
        try {
            members.signUp(new Views.SignUp(
                    email,
                    name,
                    new Views.Address(line1, city, postalCode, country),
                    optional(giftCode),
                    optional(referralCode)));
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.signUp(form, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/account/refresh");
    }

    /**
     * The page a gift's claim link opens ({@code claimUrl} of member-service): the code in a form, so it leaves the
     * address bar with the post. The answer tells the browser to send no referrer, so the code goes nowhere else.
     */
    @GET
    @Path("gift/claim")
    public Response giftClaimForm(@RestQuery String code) {
        return Response.ok(Templates.giftClaim(code == null ? "" : code, null, Problem.none()))
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /**
     * A member claims the gift for their account (member-service {@code POST …/gift-claims}); an account without a
     * member gets the sign-up form with the code, and member-service claims it with the sign-up. A refusal (404
     * unknown, 409 claimed or already paying, 410 expired) is shown at the code field.
     */
    @POST
    @Path("gift/claim")
    public Response claimGift(@RestForm String code) {
        String given = code == null ? "" : code.strip();
        if (given.isEmpty()) {
            return giftRefused(given, Problem.ofField("code", "enter the gift code from your link or e-mail"));
        }
        Optional<UUID> member = signedIn.memberId();
        if (member.isEmpty()) {
            return Response.ok(Templates.signUp(
                            new SignUpForm("", signedIn.email(), "", "", "", "", given, ""), Problem.none()))
                    .build();
        }
        try {
            members.claimGift(member.get(), new Views.GiftClaim(given));
        } catch (WebApplicationException refused) {
            return giftRefused(given, Problem.of(refused));
        }
        return Pages.seeOther("/?done=gift-claimed");
    }

    private static Response giftRefused(String code, Problem problem) {
        String message = problem.field("code") != null ? problem.field("code") : problem.summary();
        return Response.status(problem.status())
                .entity(Templates.giftClaim(code, message, problem))
                .build();
    }

    /**
     * New tokens for the session: the local session ends and the code flow runs again (the provider's session still
     * stands, so nothing is asked), to get the {@code member_id} claim member-service linked after the sign-up. As a
     * GET (the waiting page's refresh) it does so only while the account has no member: a link from elsewhere cannot
     * end a member's session; the error page's "Sign in again" posts.
     */
    @GET
    @Path("account/refresh")
    public Response refreshWhileUnlinked() {
        if (signedIn.memberId().isPresent() || signedIn.isBrand() || signedIn.isOps()) {
            return Pages.seeOther("/");
        }
        return refresh();
    }

    @POST
    @Path("account/refresh")
    public Response refresh() {
        session.logout().await().indefinitely();
        return Pages.seeOther("/account/linked");
    }

    @GET
    @Path("account/linked")
    public Response linked() {
        if (signedIn.memberId().isPresent()) {
            return Pages.seeOther("/?done=signed-up");
        }
        if (signedIn.isBrand() || signedIn.isOps()) {
            // an account that acts for a brand or for ops has no member to wait for
            return Pages.seeOther("/");
        }
        return Response.ok(Templates.linking()).build();
    }

    @POST
    @Path("subscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(MultivaluedMap<String, String> form) {
        // the radio's plan, with the prices its label showed (hidden fields named after the plan)
        String planId = form.getFirst("planId");
        Long shown = cents(form.getFirst("shownPriceCents-" + planId));
        Long shownUpcoming = cents(form.getFirst("shownUpcomingPriceCents-" + planId));
        return act(
                () -> members.subscribe(signedIn.required(), new Views.Subscribe(planId, shown, shownUpcoming)),
                "subscribed");
    }

    /** A hidden price field as the page wrote it: whole cents, or null when the page showed none. */
    static Long cents(String field) {
        try {
            return field == null || field.isBlank() ? null : Long.valueOf(field.strip());
        } catch (NumberFormatException notWritten) {
            return null; // not the page's value; member-service then decides as for a client that sends none
        }
    }

    @POST
    @Path("boxes/{boxId}/items/{productId}/swap")
    public Response swap(@RestPath UUID boxId, @RestPath UUID productId) {
        return act(() -> boxes.swap(boxId, productId), "swapped");
    }

    @POST
    @Path("skip")
    public Response skip(@RestForm String cycle) {
        return act(() -> members.skip(signedIn.required(), new Views.Skip(cycle)), "skipped");
    }

    @POST
    @Path("pause")
    public Response pause(@RestForm String untilCycle) {
        String until = untilCycle == null || untilCycle.isBlank() ? null : untilCycle.strip();
        return act(() -> members.pause(signedIn.required(), new Views.Pause(until)), "paused");
    }

    @POST
    @Path("resume")
    public Response resume() {
        return act(() -> members.resume(signedIn.required()), "resumed");
    }

    @POST
    @Path("plan")
    public Response changePlan(
            @RestForm String planId, @RestForm Long shownPriceCents, @RestForm Long shownUpcomingPriceCents) {
        return act(
                () -> members.changePlan(
                        signedIn.required(), new Views.ChangePlan(planId, shownPriceCents, shownUpcomingPriceCents)),
                "plan-changed");
    }

    /**
     * Reactivates the cancelled subscription at the price the home page quoted (the form sends it back); member-service
     * answers 409 when it is no longer the price, and the home page then shows the new quote with the reason.
     */
    @POST
    @Path("reactivate")
    public Response reactivate(
            @RestForm long priceCents, @RestForm String currency, @RestForm Long upcomingPriceCents) {
        return act(
                () -> members.reactivate(
                        signedIn.required(), new MemberApi.Reactivate(priceCents, currency, upcomingPriceCents)),
                "reactivated");
    }

    @POST
    @Path("cancel")
    public Response cancel(@RestForm String reason) {
        String given = reason == null || reason.isBlank() ? null : reason.strip();
        return act(() -> members.cancel(signedIn.required(), new Views.Cancel(given)), "cancelled");
    }

    /** One action: done, the home page confirms it; refused, the home page shows why. */
    private Response act(Runnable action, String done) {
        UUID member = signedIn.required();
        try {
            action.run();
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(home(member, null, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/?done=" + done);
    }

    /** A form's optional text: null when left empty. */
    private static String optional(String typed) {
        return typed == null || typed.isBlank() ? null : typed.strip();
    }

    /** A service's answer, or null when it answers 404 (e.g. no subscription yet). */
    static <T> T ifExists(Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return null;
            }
            throw e;
        }
    }
}
