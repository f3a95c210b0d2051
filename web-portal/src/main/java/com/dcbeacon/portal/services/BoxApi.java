package com.dcbeacon.portal.services;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** box-service's API (box-service/README.md), called with the signed-in account's access token. */
@RegisterRestClient(configKey = "box-service")
@AccessToken
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface BoxApi {

    @GET
    @Path("/members/{id}/boxes")
    List<Views.Box> boxes(@PathParam("id") UUID member);

    @POST
    @Path("/boxes/{boxId}/items/{productId}/swap")
    Views.Box swap(@PathParam("boxId") UUID box, @PathParam("productId") UUID product);
}
