package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** brand-service's API (brand-service/README.md), called with the signed-in brand user's access token. */
@RegisterRestClient(configKey = "brand-service")
@AccessToken
@Path("/api/brands/{brandId}/products")
@Produces(MediaType.APPLICATION_JSON)
public interface BrandApi {

    @GET
    List<Product> products(@PathParam("brandId") UUID brand, @QueryParam("size") int size);

    /** A CSV upload; {@code mode=partial} imports the valid rows and reports the others line by line. */
    @POST
    @Path("/import")
    @Consumes("text/csv")
    ImportReport importCsv(@PathParam("brandId") UUID brand, @QueryParam("mode") String mode, String csv);

    record Product(
            UUID id,
            String sku,
            String name,
            String category,
            List<String> allergens,
            List<String> mayContain,
            int stock,
            String status) {}

    record ImportReport(
            boolean committed, int created, int updated, int unchanged, int rejectedRows, List<RejectedRow> rejected) {}

    /** One problem of a rejected row: its line in the file (1 is the header) and the column it names. */
    record RejectedRow(long line, String field, String message) {}
}
