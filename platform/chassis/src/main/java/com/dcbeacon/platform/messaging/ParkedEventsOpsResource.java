package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.problem.ProblemException;
import com.dcbeacon.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Ops: events parked because they arrived before their predecessor, and releasing a subject's parked events. */
@Path("/api/ops/inbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class ParkedEventsOpsResource {

    /** {@code topic} and {@code source} (e.g. {@code box-events}, {@code /box-service}) and the aggregate id. */
    public record ReleaseRequest(
            @NotBlank String topic,
            @NotBlank String source,
            @NotBlank String subject) {}

    private final ParkedEvents parked;

    public ParkedEventsOpsResource(ParkedEvents parked) {
        this.parked = parked;
    }

    /** 200: the oldest parked events, each with the sequence it has (it waits for {@code sequence - 1}). */
    @GET
    public List<ParkedEvents.Parked> parked() {
        return parked.list();
    }

    /**
     * 200 {@code {applied, stillParked}} ({@code stillParked} > 0: the first of them failed again, see its {@code error});
     * 404 when nothing of that subject is parked from that topic and source.
     */
    @POST
    @Path("/release")
    @Consumes(MediaType.APPLICATION_JSON)
    public ParkedEvents.Released release(@NotNull @Valid ReleaseRequest request) {
        return parked.release(request.topic(), request.source(), request.subject())
                .orElseThrow(() -> ProblemException.notFound("nothing of " + request.subject() + " from "
                        + request.source() + " on " + request.topic() + " is parked"));
    }
}
