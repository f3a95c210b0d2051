package com.dcbeacon.brand.api;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.brand.domain.ProductFilter;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.brand.domain.ProductStock;
import com.dcbeacon.brand.importing.ImportResult;
import com.dcbeacon.brand.importing.MalformedFileException;
import com.dcbeacon.brand.importing.ProductFileReader;
import com.dcbeacon.brand.importing.ProductImport;
import com.dcbeacon.platform.problem.ProblemException;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/api/brands/{brandId}/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    public record StockRequest(
            @NotNull @PositiveOrZero @Max(10_000_000) Integer units) {}

    public record RecallRequest(@NotBlank @Size(max = 1000) String reason) {}

    private final ProductCatalog catalog;
    private final ProductStock stock;
    private final ProductImport productImport;
    private final TenantAccess access;

    public ProductResource(
            ProductCatalog catalog, ProductStock stock, ProductImport productImport, TenantAccess access) {
        this.catalog = catalog;
        this.stock = stock;
        this.productImport = productImport;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BRAND)
    public Response create(@PathParam("brandId") UUID brandId, @NotNull ProductInput input, UriInfo uri) {
        access.requireBrand(brandId, false);
        Product product = catalog.create(brandId, input);
        return Response.created(uri.getAbsolutePathBuilder().path(product.sku).build())
                .entity(ProductResponse.of(product))
                .build();
    }

    @GET
    @RolesAllowed({Roles.BRAND, Roles.OPS})
    public List<ProductResponse> list(
            @PathParam("brandId") UUID brandId,
            @QueryParam("status") @Pattern(regexp = "PUBLISHED|RETIRED|RECALLED") String status,
            @QueryParam("category") @Size(max = 60) String category,
            @QueryParam("underReview") @Pattern(regexp = "true|false", message = "must be true or false")
                    String underReview,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        access.requireBrand(brandId, true);
        ProductFilter filter = new ProductFilter(
                status == null ? null : ProductStatus.valueOf(status),
                category == null ? null : category.trim().toLowerCase(Locale.ROOT),
                underReview == null ? null : Boolean.valueOf(underReview));
        return catalog.list(brandId, filter, page, size).stream()
                .map(ProductResponse::of)
                .toList();
    }

    @GET
    @Path("/{sku}")
    @RolesAllowed({Roles.BRAND, Roles.OPS})
    public ProductResponse get(@PathParam("brandId") UUID brandId, @PathParam("sku") String sku) {
        access.requireBrand(brandId, true);
        return ProductResponse.of(catalog.require(brandId, sku));
    }

    /** Full update; a change of allergens re-announces the product. Nothing changed: nothing announced. */
    @PUT
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BRAND)
    public ProductResponse update(
            @PathParam("brandId") UUID brandId, @PathParam("sku") String sku, @NotNull ProductInput input) {
        access.requireBrand(brandId, false);
        return ProductResponse.of(catalog.update(brandId, sku, input));
    }

    @PUT
    @Path("/{sku}/stock")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BRAND)
    public ProductResponse setStock(
            @PathParam("brandId") UUID brandId, @PathParam("sku") String sku, @NotNull @Valid StockRequest request) {
        access.requireBrand(brandId, false);
        return ProductResponse.of(stock.setStock(brandId, sku, request.units()));
    }

    @POST
    @Path("/{sku}/retire")
    @RolesAllowed(Roles.BRAND)
    public ProductResponse retire(@PathParam("brandId") UUID brandId, @PathParam("sku") String sku) {
        access.requireBrand(brandId, false);
        return ProductResponse.of(catalog.retire(brandId, sku));
    }

    @POST
    @Path("/{sku}/recall")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BRAND)
    public ProductResponse recall(
            @PathParam("brandId") UUID brandId, @PathParam("sku") String sku, @NotNull @Valid RecallRequest request) {
        access.requireBrand(brandId, false);
        return ProductResponse.of(catalog.recall(brandId, sku, request.reason()));
    }

    /**
     * Bulk upload, streamed: CSV (header row, lists separated by |) or NDJSON. Upsert by SKU. All-or-nothing
     * (default) refuses the whole file with 422 if any row is rejected; partial commits the valid rows.
     */
    @POST
    @Path("/import")
    @Consumes({ProductFileReader.CSV, ProductFileReader.NDJSON})
    @RolesAllowed(Roles.BRAND)
    public ImportResult importProducts(
            @PathParam("brandId") UUID brandId,
            @QueryParam("mode")
                    @DefaultValue("all-or-nothing")
                    @Pattern(regexp = "all-or-nothing|partial", message = "must be all-or-nothing or partial")
                    String mode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        access.requireBrand(brandId, false);
        MediaType type = MediaType.valueOf(contentType);
        String charset = type.getParameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw ProblemException.invalidField("Content-Type", "only UTF-8 files are accepted, not " + charset);
        }
        ImportResult result;
        try {
            result = productImport.importFile(
                    brandId,
                    type.getType() + "/" + type.getSubtype(),
                    body,
                    mode.equals("partial") ? ProductImport.Mode.PARTIAL : ProductImport.Mode.ALL_OR_NOTHING);
        } catch (MalformedFileException e) {
            throw new ProblemException(400, "Malformed file", e.getMessage() + "; nothing was imported");
        }
        if (!result.committed()) {
            throw new ProblemException(
                    422,
                    "Import rejected",
                    result.rejectedRows()
                            + " rows were rejected, so nothing was imported (use ?mode=partial to import the valid rows)",
                    result.rejected());
        }
        return result;
    }
}
