package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.DataRightsApi;
import com.dcbeacon.portal.services.MemberApi;
import com.dcbeacon.portal.services.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The member's data rights, as member-service runs them for every service: an export of everything held about the
 * member (PENDING until every service sent its part, then one JSON document to download until it expires), and the
 * erasure of the account, confirmed by typing the account's e-mail address.
 */
@Path("/data")
@Produces(MediaType.TEXT_HTML)
public class DataRightsPages {

    @Inject
    SignedInAccount signedIn;

    @Inject
    @RestClient
    DataRightsApi dataRights;

    @Inject
    @RestClient
    MemberApi members;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance data();

        static native TemplateInstance export(DataRightsApi.Export export);

        static native TemplateInstance erase(String email, String typed, Problem problem);

        static native TemplateInstance erasure(DataRightsApi.Erasure erasure);
    }

    @GET
    public TemplateInstance data() {
        signedIn.required();
        return Templates.data();
    }

    @POST
    @Path("exports")
    public Response requestExport() {
        UUID export = dataRights.requestExport(signedIn.required()).exportId();
        return Pages.seeOther("/data/exports/" + export);
    }

    @GET
    @Path("exports/{exportId}")
    public TemplateInstance export(@PathParam("exportId") UUID export) {
        return Templates.export(dataRights.export(signedIn.required(), export));
    }

    /** The complete export as member-service answers it, as a file; a pending one leads back to its page. */
    @GET
    @Path("exports/{exportId}/download")
    public Response download(@PathParam("exportId") UUID exportId) {
        UUID member = signedIn.required();
        if (!dataRights.export(member, exportId).complete()) {
            return Pages.seeOther("/data/exports/" + exportId);
        }
        return Response.ok(dataRights.exportDocument(member, exportId), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"dcbeacon-data-" + exportId + ".json\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("erase")
    public TemplateInstance erase() {
        return Templates.erase(members.member(signedIn.required()).email(), "", Problem.none());
    }

    /** Erases the account once the member typed its e-mail address; member-service erases it everywhere. */
    @POST
    @Path("erase")
    public Response confirmErase(@RestForm String confirmEmail) {
        UUID member = signedIn.required();
        String email = members.member(member).email();
        String typed = confirmEmail == null ? "" : confirmEmail.strip();
        if (!typed.toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
            return Response.status(400)
                    .entity(Templates.erase(
                            email, typed, Problem.ofField("confirmEmail", "type " + email + " to confirm the erasure")))
                    .build();
        }
        try {
            dataRights.erase(member);
        } catch (WebApplicationException refused) {
            return Response.status(refused.getResponse().getStatus())
                    .entity(Templates.erase(email, typed, Problem.of(refused)))
                    .build();
        }
        return Pages.seeOther("/data/erasure");
    }

    @GET
    @Path("erasure")
    public TemplateInstance erasure() {
        return Templates.erasure(dataRights.erasure(signedIn.required()));
    }
}
