package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.BoxApi;
import com.dcbeacon.portal.services.FeedbackApi;
import com.dcbeacon.portal.services.Problem;
import com.dcbeacon.portal.services.RatingEffectsApi;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Ratings of the items of the member's delivered boxes; "you said, we did": what box-service says each rating changes
 * in the next boxes, and why it chose each item of the boxes since (e.g. "because you rated Chili Crisps 5 stars");
 * and the NPS answer when feedback-service invites one.
 * feedback-service decides what may be rated and who is asked; a refusal is shown at the field it names.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FeedbackPages {

    @Inject
    SignedInAccount signedIn;

    @Inject
    @RestClient
    FeedbackApi feedback;

    @Inject
    @RestClient
    BoxApi boxes;

    @Inject
    @RestClient
    RatingEffectsApi ratingEffects;

    /** An item of a delivered box with the member's rating of it, if any. */
    public record RateableItem(UUID boxId, String cycle, Views.Item item, FeedbackApi.Rating rating) {

        /** The form's ids of this item: unique on the page. */
        public String key() {
            return boxId + "-" + item.productId();
        }

        public boolean rated(int stars) {
            return rating != null && rating.stars() == stars;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ratings(
                List<RateableItem> items,
                List<RatingEffectsApi.Applied> effects,
                List<Views.Box> laterBoxes,
                FeedbackApi.Survey survey,
                String done,
                String refusedItem,
                Problem problem);

        static native TemplateInstance nps(FeedbackApi.Survey survey, boolean answered, Problem problem);
    }

    @GET
    @Path("ratings")
    public TemplateInstance ratings(@RestQuery String done) {
        return ratingsPage(signedIn.required(), done, null, Problem.none());
    }

    @POST
    @Path("ratings")
    public Response rate(
            @RestForm UUID boxId, @RestForm UUID productId, @RestForm Integer stars, @RestForm String comment) {
        UUID member = signedIn.required();
        String item = boxId + "-" + productId;
        if (stars == null) {
            return Response.status(400)
                    .entity(ratingsPage(member, null, item, Problem.ofField("stars", "choose from 1 to 5 stars")))
                    .build();
        }
        try {
            feedback.rate(
                    member,
                    new FeedbackApi.RatingRequest(
                            boxId, productId, stars, comment == null || comment.isBlank() ? null : comment.strip()));
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(ratingsPage(member, null, item, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/ratings?done=rated");
    }

    @GET
    @Path("nps")
    public TemplateInstance nps(@RestQuery String done) {
        return Templates.nps(feedback.survey(signedIn.required()), "answered".equals(done), Problem.none());
    }

    @POST
    @Path("nps")
    public Response answer(@RestForm Integer score, @RestForm String comment) {
        UUID member = signedIn.required();
        if (score == null) {
            return Response.status(400)
                    .entity(Templates.nps(
                            feedback.survey(member), false, Problem.ofField("score", "choose a score from 0 to 10")))
                    .build();
        }
        try {
            feedback.answer(
                    member,
                    new FeedbackApi.NpsAnswer(score, comment == null || comment.isBlank() ? null : comment.strip()));
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.nps(feedback.survey(member), false, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/nps?done=answered");
    }

    private TemplateInstance ratingsPage(UUID member, String done, String refusedItem, Problem problem) {
        List<Views.Box> all = boxes.boxes(member);
        List<FeedbackApi.Rating> given = feedback.ratings(member);
        List<RateableItem> items = new ArrayList<>();
        for (Views.Box box : all) {
            if ("DELIVERED".equals(box.status())) {
                for (Views.Item item : box.items()) {
                    FeedbackApi.Rating rating = given.stream()
                            .filter(r ->
                                    r.boxId().equals(box.id()) && r.productId().equals(item.productId()))
                            .findFirst()
                            .orElse(null);
                    items.add(new RateableItem(box.id(), box.cycle(), item, rating));
                }
            }
        }
        // the boxes chosen after the member could rate: box-service's reason per item says what a rating changed
        List<Views.Box> later = all.stream()
                .filter(box -> box.upcoming() || "SHIPPED".equals(box.status()))
                .toList();
        return Templates.ratings(
                items, ratingEffects.ofMember(member), later, feedback.survey(member), done, refusedItem, problem);
    }
}
