package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * brand-service's API for a brand's catalogue (brand-service/README.md): products, stock, recalls and campaigns,
 * called with the signed-in brand user's access token.
 */
@RegisterRestClient(configKey = "brand-service")
@AccessToken
@Path("/api/brands/{brandId}")
@Produces(MediaType.APPLICATION_JSON)
public interface BrandApi {

    @GET
    @Path("/products")
    List<Product> products(@PathParam("brandId") UUID brand, @QueryParam("size") int size);

    @GET
    @Path("/products/{sku}")
    Product product(@PathParam("brandId") UUID brand, @PathParam("sku") String sku);

    @POST
    @Path("/products")
    @Consumes(MediaType.APPLICATION_JSON)
    Product create(@PathParam("brandId") UUID brand, ProductInput product);

    /** A full update: every field as the form holds it. */
    @PUT
    @Path("/products/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    Product update(@PathParam("brandId") UUID brand, @PathParam("sku") String sku, ProductInput product);

    @PUT
    @Path("/products/{sku}/stock")
    @Consumes(MediaType.APPLICATION_JSON)
    Product setStock(@PathParam("brandId") UUID brand, @PathParam("sku") String sku, Stock stock);

    /** Final: a recalled product can never change again, and it leaves every box not yet shipped. */
    @POST
    @Path("/products/{sku}/recall")
    @Consumes(MediaType.APPLICATION_JSON)
    Product recall(@PathParam("brandId") UUID brand, @PathParam("sku") String sku, Recall recall);

    /** A CSV upload; {@code mode=partial} imports the valid rows and reports the others line by line. */
    @POST
    @Path("/products/import")
    @Consumes("text/csv")
    ImportReport importCsv(@PathParam("brandId") UUID brand, @QueryParam("mode") String mode, String csv);

    /** An NDJSON upload (one JSON product per line, the fields of a single create), as {@link #importCsv}. */
    @POST
    @Path("/products/import")
    @Consumes("application/x-ndjson")
    ImportReport importNdjson(@PathParam("brandId") UUID brand, @QueryParam("mode") String mode, String ndjson);

    @GET
    @Path("/campaigns")
    List<Campaign> campaigns(@PathParam("brandId") UUID brand, @QueryParam("size") int size);

    @POST
    @Path("/campaigns")
    @Consumes(MediaType.APPLICATION_JSON)
    Campaign createCampaign(@PathParam("brandId") UUID brand, CampaignRequest campaign);

    record Product(
            UUID id,
            String sku,
            String name,
            String category,
            String description,
            List<String> ingredients,
            List<String> allergens,
            List<String> mayContain,
            List<String> dietaryTags,
            long unitCostCents,
            int weightGrams,
            int stock,
            String status,
            String recallReason) {

        public boolean recalled() {
            return "RECALLED".equals(status);
        }
    }

    /**
     * A product as the brand sends it (brand-service "Product fields"): {@code allergens} and {@code mayContain} are
     * always lists, empty for none; never left out.
     */
    record ProductInput(
            String sku,
            String name,
            String category,
            String description,
            List<String> ingredients,
            List<String> allergens,
            List<String> mayContain,
            List<String> dietaryTags,
            Long unitCostCents,
            Integer weightGrams,
            Integer stock) {}

    record Stock(Integer units) {}

    record Recall(String reason) {}

    /** Units of a product committed for sampling in a cycle (YYYY-MM); {@code maxPerBox} 1 (null: 1) or 2. */
    record CampaignRequest(String sku, String cycle, Integer units, Integer maxPerBox) {}

    record Campaign(
            UUID id, String sku, UUID productId, String cycle, int units, int maxPerBox, OffsetDateTime createdAt) {}

    record ImportReport(
            boolean committed, int created, int updated, int unchanged, int rejectedRows, List<RejectedRow> rejected) {}

    /** One problem of a rejected row: its line in the file (1 is the header) and the column it names. */
    record RejectedRow(long line, String field, String message) {}
}
