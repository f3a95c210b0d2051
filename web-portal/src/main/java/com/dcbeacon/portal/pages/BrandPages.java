package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.BrandApi;
import com.dcbeacon.portal.services.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A brand user's pages: their products, and a CSV upload whose answer is brand-service's row-by-row report, shown as
 * a table (line, column, problem). brand-service reads and checks the file; the portal passes it on as uploaded.
 */
@Path("/brand")
@Produces(MediaType.TEXT_HTML)
public class BrandPages {

    static final String NOT_UTF8 =
            "the file is not UTF-8 text: save the file as UTF-8 CSV (in a spreadsheet: CSV UTF-8) and upload it again";

    @Inject
    SignedInAccount signedIn;

    @Inject
    @RestClient
    BrandApi brands;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance products(
                List<BrandApi.Product> products, BrandApi.ImportReport report, Problem problem);
    }

    @GET
    public TemplateInstance products() {
        return Templates.products(brands.products(brand(), 200), null, Problem.none());
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importCsv(@RestForm("file") FileUpload file) {
        UUID brand = brand();
        if (file == null || file.size() == 0) {
            return Response.status(400)
                    .entity(Templates.products(
                            brands.products(brand, 200), null, Problem.ofField("file", "choose a CSV file to upload")))
                    .build();
        }
        Optional<String> csv = utf8(file.uploadedFile());
        if (csv.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.products(brands.products(brand, 200), null, Problem.ofField("file", NOT_UTF8)))
                    .build();
        }
        BrandApi.ImportReport report;
        try {
            report = brands.importCsv(brand, "partial", csv.get());
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.products(brands.products(brand, 200), null, Problem.of(refused)))
                    .build();
        }
        return Response.ok(Templates.products(brands.products(brand, 200), report, Problem.none()))
                .build();
    }

    /** The file as text, or empty when it is not UTF-8 (e.g. saved as Windows-1252 by a spreadsheet). */
    static Optional<String> utf8(java.nio.file.Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UUID brand() {
        return signedIn.brandId().orElseThrow(() -> new NotFoundException("not a brand user"));
    }
}
