package com.dcbeacon.portal.pages;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery: a form sent to the portal from another site is refused (403) before any page acts on
 * it. Browsers say where a request comes from: {@code Sec-Fetch-Site} (W3C Fetch Metadata Request Headers) and, on
 * every POST, {@code Origin} (RFC 6454, the Fetch standard); OWASP's Cross-Site Request Forgery Prevention Cheat Sheet
 * names both as defences. Beside the session cookie's {@code SameSite=Lax} this also keeps out a form from another
 * host of the same site, which SameSite lets through. A request that carries neither header does not come from a
 * current browser, so it carries no browser's session to abuse; the sign-in decides about it.
 */
public class CrossSiteForms {

    /** Methods that change nothing (RFC 9110, section 9.2.1): links and reloads from anywhere stay allowed. */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseFormsFromOtherSites(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return Optional.empty();
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        boolean allowed = fetchSite != null
                // "none": the user's own action (a bookmark, the address bar), not another page
                ? "same-origin".equals(fetchSite) || "none".equals(fetchSite)
                : sameOrigin(request.getHeaderString("Origin"), request.getHeaderString("Host"));
        return allowed
                ? Optional.empty()
                : Optional.of(
                        ErrorPages.page(
                                403,
                                "Not sent from Dcbeacon",
                                "This form came from another site, so nothing was changed. Open Dcbeacon and try again there."));
    }

    /**
     * Whether a request's {@code Origin} names the host it was sent to; no {@code Origin} at all is not a browser's
     * form (see the class). An opaque origin ({@code null}, e.g. a sandboxed frame) is another site.
     */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        try {
            String authority = URI.create(origin.strip()).getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
