package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** box-service's API (box-service/README.md), called with the signed-in account's access token. */
@RegisterRestClient(configKey = "box-service")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface BoxApi {

    @GET
    @Path("/members/{id}/boxes")
    List<Views.Box> boxes(@PathParam("id") UUID member);

    @POST
    @Path("/boxes/{boxId}/items/{productId}/swap")
    Views.Box swap(@PathParam("boxId") UUID box, @PathParam("productId") UUID product);

    /** The products the box's member may add to it now, by name (box-service decides). */
    @GET
    @Path("/boxes/{boxId}/add-ons/options")
    List<AddOnOption> addOnOptions(@PathParam("boxId") UUID box);

    /** What adding would cost and make the box cost; nothing changes. */
    @GET
    @Path("/boxes/{boxId}/add-ons/quote")
    AddOnQuote quoteAddOn(
            @PathParam("boxId") UUID box, @QueryParam("productId") UUID product, @QueryParam("quantity") int quantity);

    /** Adds the units once per {@code Idempotency-Key}; the box with its add-ons and new total. */
    @POST
    @Path("/boxes/{boxId}/add-ons")
    Views.Box addAddOn(
            @PathParam("boxId") UUID box, @HeaderParam("Idempotency-Key") String idempotencyKey, AddOn addOn);

    @DELETE
    @Path("/boxes/{boxId}/add-ons/{productId}")
    Views.Box removeAddOn(@PathParam("boxId") UUID box, @PathParam("productId") UUID product);

    /** {@code heldUnits}: the units of it the box already holds as an add-on. */
    record AddOnOption(
            UUID productId, String name, String brandName, long unitPriceCents, String currency, int heldUnits) {}

    record AddOnQuote(
            UUID productId,
            String name,
            int quantity,
            long unitPriceCents,
            long addOnCents,
            long boxPriceCents,
            long addOnsCents,
            long totalCents,
            String currency) {}

    record AddOn(UUID productId, int quantity) {}
}
