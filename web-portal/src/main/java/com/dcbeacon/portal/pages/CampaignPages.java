package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.BrandApi;
import com.dcbeacon.portal.services.InsightApi;
import com.dcbeacon.portal.services.Problem;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A brand's campaigns (units of a product committed for sampling in a cycle) and its ratings per product for a cycle
 * (feedback-service's insights: figures only from 5 distinct members, else hidden), with a bar chart of each shown
 * product's stars beside the table holding the same numbers.
 */
@Path("/brand")
@Produces(MediaType.TEXT_HTML)
public class CampaignPages {

    @Inject
    BrandPages brandPages;

    @Inject
    @RestClient
    BrandApi brands;

    @Inject
    @RestClient
    InsightApi insights;

    /** The campaign form as typed, so a refused one comes back as it was sent. */
    public record CampaignForm(String sku, String cycle, String units, String maxPerBox) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance campaigns(
                List<BrandApi.Campaign> campaigns,
                List<BrandApi.Product> products,
                CampaignForm form,
                boolean created,
                Problem problem);

        static native TemplateInstance insights(
                String cycle, List<InsightApi.Insight> insights, Map<String, String> names, Problem problem);
    }

    @GET
    @Path("/campaigns")
    public TemplateInstance campaigns(@RestQuery String done) {
        UUID brand = brandPages.brand();
        CampaignForm empty = new CampaignForm("", YearMonth.now(ZoneOffset.UTC).toString(), "", "1");
        return Templates.campaigns(
                brands.campaigns(brand, 200), published(brand), empty, "created".equals(done), Problem.none());
    }

    @POST
    @Path("/campaigns")
    public Response createCampaign(
            @RestForm String sku, @RestForm String cycle, @RestForm String units, @RestForm String maxPerBox) {
        UUID brand = brandPages.brand();
        CampaignForm form = new CampaignForm(text(sku), text(cycle), text(units), text(maxPerBox));
        Problem problem = Problem.none();
        Integer wholeUnits = ProductForm.whole(form.units());
        if (wholeUnits == null) {
            problem = Problem.ofField("units", "enter the units as a whole number, e.g. 50");
        } else {
            try {
                brands.createCampaign(
                        brand,
                        new BrandApi.CampaignRequest(
                                form.sku(), form.cycle(), wholeUnits, ProductForm.whole(form.maxPerBox())));
            } catch (WebApplicationException refused) {
                problem = Problem.of(refused);
            }
        }
        if (problem.present()) {
            return Response.status(problem.status())
                    .entity(Templates.campaigns(brands.campaigns(brand, 200), published(brand), form, false, problem))
                    .build();
        }
        return Pages.seeOther("/brand/campaigns?done=created");
    }

    /** Ratings per product for a cycle (YYYY-MM; by default the current month, UTC). */
    @GET
    @Path("/insights")
    public Response insights(@RestQuery String cycle) {
        UUID brand = brandPages.brand();
        String asked =
                cycle == null || cycle.isBlank() ? YearMonth.now(ZoneOffset.UTC).toString() : cycle.strip();
        Map<String, String> names = brands.products(brand, 200).stream()
                .collect(Collectors.toMap(BrandApi.Product::sku, BrandApi.Product::name, (a, b) -> a));
        try {
            return Response.ok(Templates.insights(asked, insights.insights(brand, asked), names, Problem.none()))
                    .build();
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.insights(asked, List.of(), names, Problem.of(refused)))
                    .build();
        }
    }

    private List<BrandApi.Product> published(UUID brand) {
        return brands.products(brand, 200).stream()
                .filter(p -> "PUBLISHED".equals(p.status()))
                .toList();
    }

    private static String text(String typed) {
        return typed == null ? "" : typed.strip();
    }
}
