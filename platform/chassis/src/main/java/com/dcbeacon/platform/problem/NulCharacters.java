package com.dcbeacon.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * PostgreSQL cannot store or compare text containing U+0000: a query with one fails deep in JDBC as a 500. No name,
 * note or id of ours has a use for it, so a path or query parameter holding one is refused up front, named. (JSON
 * strings are refused the same way by {@link com.dcbeacon.platform.json.StrictJson}.)
 */
public class NulCharacters {

    public static final String MESSAGE = "must not contain the NUL character (U+0000)";

    @ServerRequestFilter
    public void refuseInParameters(ContainerRequestContext request) {
        refuse(request.getUriInfo().getPathParameters(true));
        refuse(request.getUriInfo().getQueryParameters(true));
    }

    private static void refuse(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                throw ProblemException.invalidField(parameter.getKey(), MESSAGE);
            }
        }
    }
}
