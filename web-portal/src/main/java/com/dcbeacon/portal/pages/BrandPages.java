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
import jakarta.ws.rs.core.MultivaluedMap;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A brand user's pages: their products; a CSV upload whose answer is brand-service's row-by-row report, shown as a
 * table (line, column, problem); the single product form (create and edit, every allergen answered explicitly);
 * the stock; and a recall behind a page that says it is final. brand-service reads and checks everything; the portal
 * passes it on and shows its refusal at the field it names.
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
                List<BrandApi.Product> products, BrandApi.ImportReport report, Problem problem, String done);

        static native TemplateInstance product(
                ProductForm form, boolean creating, List<String> allergens, List<String> diets, Problem problem);

        static native TemplateInstance stock(BrandApi.Product product, String units, Problem problem);

        static native TemplateInstance recall(BrandApi.Product product, String reason, Problem problem);
    }

    /** The products; {@code done} names the action just confirmed (created, updated, stock, recalled). */
    @GET
    public TemplateInstance products(@RestQuery String done) {
        return Templates.products(brands.products(brand(), 200), null, Problem.none(), done);
    }

    @GET
    @Path("/products/new")
    public TemplateInstance newProduct() {
        return productForm(ProductForm.empty(), true, Problem.none());
    }

    /** Creates a product; an unanswered allergen (or a cost in fractions of a cent) is refused before brand-service. */
    @POST
    @Path("/products")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> posted) {
        ProductForm form = ProductForm.posted(posted);
        return saved(form, true, () -> brands.create(brand(), form.input()), "/brand?done=created");
    }

    @GET
    @Path("/products/{sku}/edit")
    public TemplateInstance editProduct(@RestPath String sku) {
        return productForm(ProductForm.of(brands.product(brand(), sku)), false, Problem.none());
    }

    /** A full update of the product at {@code sku} (its SKU does not change). */
    @POST
    @Path("/products/{sku}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@RestPath String sku, MultivaluedMap<String, String> posted) {
        ProductForm typed = ProductForm.posted(posted);
        ProductForm form = new ProductForm(
                sku,
                typed.name(),
                typed.category(),
                typed.description(),
                typed.ingredients(),
                typed.allergenAnswers(),
                typed.dietaryTags(),
                typed.unitCost(),
                typed.weightGrams(),
                typed.stock());
        return saved(form, false, () -> brands.update(brand(), sku, form.input()), "/brand?done=updated");
    }

    @GET
    @Path("/products/{sku}/stock")
    public TemplateInstance stock(@RestPath String sku) {
        BrandApi.Product product = brands.product(brand(), sku);
        return Templates.stock(product, Integer.toString(product.stock()), Problem.none());
    }

    @POST
    @Path("/products/{sku}/stock")
    public Response setStock(@RestPath String sku, @RestForm String units) {
        UUID brand = brand();
        Integer whole = ProductForm.whole(units == null ? "" : units);
        if (whole == null) {
            return Response.status(400)
                    .entity(Templates.stock(
                            brands.product(brand, sku),
                            units,
                            Problem.ofField("units", "enter the units in stock as a whole number, e.g. 100")))
                    .build();
        }
        try {
            brands.setStock(brand, sku, new BrandApi.Stock(whole));
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.stock(brands.product(brand, sku), units, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/brand?done=stock");
    }

    /** The confirmation step of a recall: what it does, and the reason to give. Nothing changes until it is sent. */
    @GET
    @Path("/products/{sku}/recall")
    public TemplateInstance recall(@RestPath String sku) {
        return Templates.recall(brands.product(brand(), sku), "", Problem.none());
    }

    @POST
    @Path("/products/{sku}/recall")
    public Response confirmRecall(@RestPath String sku, @RestForm String reason) {
        UUID brand = brand();
        try {
            brands.recall(brand, sku, new BrandApi.Recall(reason == null ? "" : reason.strip()));
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.recall(brands.product(brand, sku), reason, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/brand?done=recalled");
    }

    private Response saved(ProductForm form, boolean creating, Runnable send, String confirmed) {
        Problem own = form.problem();
        if (own.present()) {
            return Response.status(400).entity(productForm(form, creating, own)).build();
        }
        try {
            send.run();
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(productForm(form, creating, ProductForm.atFormFields(Problem.of(refused))))
                    .build();
        }
        return Pages.seeOther(confirmed);
    }

    private static TemplateInstance productForm(ProductForm form, boolean creating, Problem problem) {
        return Templates.product(form, creating, PreferencePages.ALLERGENS, PreferencePages.DIETS, problem);
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(@RestForm("file") FileUpload file) {
        UUID brand = brand();
        if (file == null || file.size() == 0) {
            return Response.status(400)
                    .entity(Templates.products(
                            brands.products(brand, 200),
                            null,
                            Problem.ofField("file", "choose a CSV or NDJSON file to upload"),
                            null))
                    .build();
        }
        Optional<String> text = utf8(file.uploadedFile());
        if (text.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.products(
                            brands.products(brand, 200), null, Problem.ofField("file", NOT_UTF8), null))
                    .build();
        }
        BrandApi.ImportReport report;
        try {
            report = ndjson(file.fileName())
                    ? brands.importNdjson(brand, "partial", text.get())
                    : brands.importCsv(brand, "partial", text.get());
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.products(brands.products(brand, 200), null, Problem.of(refused), null))
                    .build();
        }
        return Response.ok(Templates.products(brands.products(brand, 200), report, Problem.none(), null))
                .build();
    }

    /**
     * Whether an upload is NDJSON (one JSON product per line), by its name ({@code .ndjson}, {@code .jsonl}, any
     * case); any other file is sent as CSV, and brand-service says what it cannot read.
     */
    static boolean ndjson(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
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

    UUID brand() {
        return signedIn.brandId().orElseThrow(() -> new NotFoundException("not a brand user"));
    }
}
