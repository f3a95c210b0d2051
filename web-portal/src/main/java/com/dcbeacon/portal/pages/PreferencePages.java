package com.dcbeacon.portal.pages;

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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Preferences (allergens, diets, liked and disliked categories) with the consent member-service requires before it
 * keeps allergens or a religious diet, and the ledger. member-service decides what it accepts; a refusal is shown
 * next to the field it names (e.g. {@code sensitiveDataConsent}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PreferencePages {

    /** The 14 allergen codes of member-service's API (EU Annex II), in its order. */
    static final List<String> ALLERGENS = List.of(
            "GLUTEN",
            "CRUSTACEANS",
            "EGGS",
            "FISH",
            "PEANUTS",
            "SOYBEANS",
            "MILK",
            "TREE_NUTS",
            "CELERY",
            "MUSTARD",
            "SESAME",
            "SULPHITES",
            "LUPIN",
            "MOLLUSCS");
    /** The dietary tags of member-service's API, in its order. */
    static final List<String> DIETS = List.of(
            "VEGAN", "VEGETARIAN", "GLUTEN_FREE", "DAIRY_FREE", "NUT_FREE", "KETO", "HALAL", "KOSHER", "LOW_SUGAR");

    @Inject
    SignedInAccount signedIn;

    @Inject
    @RestClient
    MemberApi members;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preferences(
                Views.Preferences preferences,
                List<String> allergens,
                List<String> diets,
                boolean saved,
                Problem problem);

        static native TemplateInstance ledger(Views.Ledger ledger, String currency);
    }

    @GET
    @Path("preferences")
    public TemplateInstance preferences(@RestQuery String done) {
        return Templates.preferences(
                members.preferences(signedIn.required()), ALLERGENS, DIETS, "saved".equals(done), Problem.none());
    }

    @POST
    @Path("preferences")
    public Response changePreferences(
            @RestForm List<String> allergens,
            @RestForm List<String> dietaryTags,
            @RestForm String likedCategories,
            @RestForm String dislikedCategories,
            @RestForm String sensitiveDataConsent) {
        Views.Preferences asked = new Views.Preferences(
                allergens == null ? List.of() : allergens,
                dietaryTags == null ? List.of() : dietaryTags,
                categories(likedCategories),
                categories(dislikedCategories),
                sensitiveDataConsent != null);
        try {
            members.changePreferences(signedIn.required(), asked);
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.preferences(asked, ALLERGENS, DIETS, false, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/preferences?done=saved");
    }

    @GET
    @Path("ledger")
    public TemplateInstance ledger() {
        UUID member = signedIn.required();
        Views.Subscription subscription = MemberPages.ifExists(() -> members.subscription(member));
        return Templates.ledger(members.ledger(member, 200), subscription == null ? "EUR" : subscription.currency());
    }

    /** Categories as typed: comma-separated, blanks dropped. */
    static List<String> categories(String typed) {
        if (typed == null) {
            return List.of();
        }
        return Arrays.stream(typed.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
