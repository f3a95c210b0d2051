package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.BoxApi;
import com.dcbeacon.portal.services.MemberApi;
import com.dcbeacon.portal.services.Problem;
import com.dcbeacon.portal.services.Views;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The member's self-service beyond the box: add-ons to the open box (priced before confirming), gifts bought for
 * others, the referral code, the records of consent, the shipping address and the mail the member wants. A form that changes what the member pays
 * is shown with its price first, and its confirmation carries an {@code Idempotency-Key} made when that form was
 * rendered, so a form sent twice acts once. The services decide; a refusal is shown at the field it names.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SelfServicePages {

    @Inject
    SignedInAccount signedIn;

    @Inject
    @RestClient
    MemberApi members;

    @Inject
    @RestClient
    BoxApi boxes;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance addOns(
                Views.Box box,
                List<BoxApi.AddOnOption> options,
                AddOnForm form,
                BoxApi.AddOnQuote quote,
                boolean coveredByGift,
                String done,
                Problem problem);

        static native TemplateInstance gifts(
                List<MemberApi.Gift> gifts,
                List<Views.Plan> plans,
                List<String> startCycles,
                GiftForm form,
                GiftQuote quote,
                String done,
                Problem problem);

        static native TemplateInstance referral(MemberApi.Referral referral, String currency);

        static native TemplateInstance consentRecords(MemberApi.ConsentRecords records);

        static native TemplateInstance account(
                MemberApi.Member member,
                Views.Address address,
                MemberApi.Communication communication,
                String done,
                Problem problem);
    }

    /** The add-on form as the member filled it; {@code idempotencyKey} the confirmation's, made with its page. */
    public record AddOnForm(UUID productId, int quantity, String idempotencyKey) {}

    /** The gift form as the member filled it; {@code idempotencyKey} the confirmation's, made with its page. */
    public record GiftForm(String planId, int cycles, String startCycle, String idempotencyKey) {}

    /** The price the gift form shows before buying: the plan's price per cycle, for {@code cycles}. */
    public record GiftQuote(Views.Plan plan, int cycles, long totalCents) {}

    // ---- Add-ons ---------------------------------------------------------------------------------------------------

    /**
     * The next box with its add-ons and the products box-service offers for it; with {@code productId} and {@code
     * quantity}, box-service's quote (unit price, this add, the box's new total) and the form that confirms it.
     */
    @GET
    @Path("add-ons")
    public Response addOns(@RestQuery UUID productId, @RestQuery Integer quantity, @RestQuery String done) {
        Views.Box box = nextBox();
        AddOnForm form = new AddOnForm(
                productId, quantity == null ? 1 : quantity, UUID.randomUUID().toString());
        if (box == null || productId == null) {
            return Response.ok(addOnsPage(box, form, null, done, Problem.none()))
                    .build();
        }
        try {
            BoxApi.AddOnQuote quote = boxes.quoteAddOn(box.id(), productId, form.quantity());
            return Response.ok(addOnsPage(box, form, quote, null, Problem.none()))
                    .build();
        } catch (WebApplicationException refused) {
            return refusedAddOn(box, form, refused);
        }
    }

    @POST
    @Path("boxes/{boxId}/add-ons")
    public Response addAddOn(
            @RestPath UUID boxId, @RestForm UUID productId, @RestForm int quantity, @RestForm String idempotencyKey) {
        try {
            boxes.addAddOn(boxId, idempotencyKey, new BoxApi.AddOn(productId, quantity));
        } catch (WebApplicationException refused) {
            return refusedAddOn(nextBox(), new AddOnForm(productId, quantity, idempotencyKey), refused);
        }
        return Pages.seeOther("/add-ons?done=added");
    }

    @POST
    @Path("boxes/{boxId}/add-ons/{productId}/remove")
    public Response removeAddOn(@RestPath UUID boxId, @RestPath UUID productId) {
        try {
            boxes.removeAddOn(boxId, productId);
        } catch (WebApplicationException refused) {
            return refusedAddOn(
                    nextBox(), new AddOnForm(null, 1, UUID.randomUUID().toString()), refused);
        }
        return Pages.seeOther("/add-ons?done=removed");
    }

    private Response refusedAddOn(Views.Box box, AddOnForm form, WebApplicationException refused) {
        return Response.status(refused.getResponse().getStatus())
                .entity(addOnsPage(box, form, null, null, Problem.of(refused)))
                .build();
    }

    private TemplateInstance addOnsPage(
            Views.Box box, AddOnForm form, BoxApi.AddOnQuote quote, String done, Problem problem) {
        List<BoxApi.AddOnOption> options = box != null && box.swappable() ? boxes.addOnOptions(box.id()) : List.of();
        // a box a gift pays for costs the member its extras only (member-service, "Gifts")
        boolean covered =
                box != null && box.coveredBy(MemberPages.ifExists(() -> members.subscription(signedIn.required())));
        return Templates.addOns(box, options, form, quote, covered, done, problem);
    }

    /** The box the home page shows as the next one, or null. */
    private Views.Box nextBox() {
        return MemberPages.nextBox(boxes, signedIn.required());
    }

    // ---- Gifts -----------------------------------------------------------------------------------------------------

    /**
     * The gifts the member bought and the form to buy one; with {@code planId}, the price shown before buying (the
     * plan's price per cycle as member-service lists it, times the cycles) and the form that confirms it.
     */
    @GET
    @Path("gifts")
    public TemplateInstance gifts(
            @RestQuery String planId, @RestQuery Integer cycles, @RestQuery String startCycle, @RestQuery String done) {
        GiftForm form = new GiftForm(
                planId,
                cycles == null ? 1 : cycles,
                startCycle,
                UUID.randomUUID().toString());
        return giftsPage(form, planId != null, done, Problem.none());
    }

    @POST
    @Path("gifts")
    public Response buyGift(
            @RestForm String planId,
            @RestForm int cycles,
            @RestForm String startCycle,
            @RestForm long shownPriceCents,
            @RestForm String idempotencyKey) {
        GiftForm form = new GiftForm(planId, cycles, startCycle, idempotencyKey);
        try {
            members.buyGift(
                    signedIn.required(),
                    idempotencyKey,
                    new MemberApi.GiftPurchase(planId, cycles, startCycle, shownPriceCents));
        } catch (WebApplicationException refused) {
            GiftForm again =
                    new GiftForm(planId, cycles, startCycle, UUID.randomUUID().toString());
            return Response.status(refused.getResponse().getStatus())
                    .entity(giftsPage(again, false, null, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/gifts?done=bought");
    }

    private TemplateInstance giftsPage(GiftForm form, boolean quoted, String done, Problem problem) {
        List<Views.Plan> plans = members.plans();
        GiftQuote quote = quoted
                ? plans.stream()
                        .filter(p -> p.id().equals(form.planId()))
                        .findFirst()
                        .map(p -> new GiftQuote(p, form.cycles(), p.priceCents() * form.cycles()))
                        .orElse(null)
                : null;
        return Templates.gifts(members.gifts(signedIn.required()), plans, startCycles(), form, quote, done, problem);
    }

    /** The cycles a gift may start with, offered on the form: the next twelve; member-service decides. */
    static List<String> startCycles() {
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        return IntStream.range(0, 12)
                .mapToObj(i -> next.plusMonths(i).toString())
                .toList();
    }

    // ---- Referral, records of consent ------------------------------------------------------------------------------

    @GET
    @Path("referral")
    public TemplateInstance referral() {
        UUID member = signedIn.required();
        Views.Subscription subscription = MemberPages.ifExists(() -> members.subscription(member));
        return Templates.referral(members.referral(member), subscription == null ? "EUR" : subscription.currency());
    }

    @GET
    @Path("consent-records")
    public TemplateInstance consentRecords() {
        return Templates.consentRecords(members.consentRecords(signedIn.required(), 200));
    }

    // ---- Account ---------------------------------------------------------------------------------------------------

    @GET
    @Path("account")
    public TemplateInstance account(@RestQuery String done) {
        UUID id = signedIn.required();
        MemberApi.Member member = members.member(id);
        return Templates.account(member, member.shippingAddress(), members.communication(id), done, Problem.none());
    }

    @POST
    @Path("account/address")
    public Response changeAddress(
            @RestForm String line1, @RestForm String city, @RestForm String postalCode, @RestForm String country) {
        UUID member = signedIn.required();
        Views.Address address = new Views.Address(line1, city, postalCode, country);
        try {
            members.changeAddress(member, address);
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.account(
                            members.member(member), address, members.communication(member), null, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/account?done=address-changed");
    }

    /** The mail the member wants: news and offers (opt-in), surveys; an unticked box is a no. */
    @POST
    @Path("account/communication")
    public Response changeCommunication(@RestForm String marketingEmails, @RestForm String surveys) {
        UUID member = signedIn.required();
        MemberApi.Communication asked = new MemberApi.Communication(marketingEmails != null, surveys != null);
        try {
            members.changeCommunication(member, asked);
        } catch (WebApplicationException refused) {
            MemberApi.Member account = members.member(member);
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.account(account, account.shippingAddress(), asked, null, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/account?done=communication-changed");
    }
}
