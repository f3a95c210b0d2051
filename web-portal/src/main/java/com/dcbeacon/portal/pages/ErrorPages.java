package com.dcbeacon.portal.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the browser sees when a page cannot be built: a short page saying what to do, never a stack trace. A service
 * that refuses the session's token (it expired or was revoked) sends the member to sign in again.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String title, String advice, boolean signInAgain);
    }

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 300 && status < 400) {
            return e.getResponse();
        }
        if (status == 401) {
            return page(401, "Your session has ended", "Sign in again to continue.");
        }
        if (status == 403) {
            return page(
                    403,
                    "Not for this account",
                    "Your account may not open this page (the ops pages are for Dcbeacon's operations team).");
        }
        if (status == 404) {
            return page(404, "Not found", "This page does not exist, or it is not yours.");
        }
        LOG.warnf("a page failed: %s", e.toString());
        return page(
                502, "Something went wrong", "A part of Dcbeacon did not answer as expected. Try again in a minute.");
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        LOG.warnf("a service did not answer: %s", e.toString());
        return page(503, "Dcbeacon is not answering", "Try again in a minute; nothing was changed.");
    }

    /**
     * Anything else that goes wrong: the portal's own error page with status 500 and nothing of the exception, which is
     * logged here with its stack trace. Quarkus' own mappers (e.g. of sign-in and access refusals) stay more specific.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("a page failed unexpectedly", e);
        return page(
                500,
                "Something went wrong",
                "This page could not be shown. Try again in a minute; if it keeps "
                        + "happening, tell us what you were doing.");
    }

    static Response page(int status, String title, String advice) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(title, advice, status == 401))
                .build();
    }
}
