package com.dcbeacon.portal.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A page that fails as a bug would, for {@link PagesTest}: only in the tests' application. */
@Path("/test-only/failing")
public class FailingPage {

    @GET
    public String fail() {
        throw new IllegalStateException("internal detail 4711 that must not reach the browser");
    }
}
