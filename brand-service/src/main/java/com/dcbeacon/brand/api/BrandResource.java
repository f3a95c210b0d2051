package com.dcbeacon.brand.api;

import com.dcbeacon.brand.domain.BrandDirectory;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

@Path("/api/brands")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrandResource {

    private final BrandDirectory brands;
    private final TenantAccess access;

    public BrandResource(BrandDirectory brands, TenantAccess access) {
        this.brands = brands;
        this.access = access;
    }

    @POST
    @RolesAllowed(Roles.OPS)
    public Response onboard(@NotNull @Valid OnboardBrandRequest request, UriInfo uri) {
        var brand = brands.onboard(request.name(), request.contactEmail());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(brand.id.toString()).build())
                .entity(BrandResponse.of(brand))
                .build();
    }

    @GET
    @RolesAllowed(Roles.OPS)
    public List<BrandResponse> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return brands.list(page, size).stream().map(BrandResponse::of).toList();
    }

    @GET
    @Path("/{brandId}")
    @RolesAllowed({Roles.BRAND, Roles.OPS})
    public BrandResponse get(@PathParam("brandId") UUID brandId) {
        access.requireBrand(brandId, true);
        return BrandResponse.of(brands.require(brandId));
    }
}
