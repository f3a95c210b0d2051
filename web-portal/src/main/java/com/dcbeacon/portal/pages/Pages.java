package com.dcbeacon.portal.pages;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Post/redirect/get: an action answers with a redirect to the page that confirms it. */
final class Pages {

    private Pages() {}

    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
