package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Ops: replaying the service's dead letters of a source topic once their cause is fixed. */
@Path("/api/ops/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class DeadLetterOpsResource {

    /** {@code topic}: the source topic, e.g. {@code box-events}; its dead letters are {@code <topic>.dlq.<service>}. */
    public record ReplayRequest(@NotBlank String topic) {}

    private final DeadLetterReplay replay;

    public DeadLetterOpsResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    /**
     * 200 {@code {replayed, alreadyApplied, stillFailing: [{partition, offset, reason}]}}; 400 naming {@code topic} when
     * this service does not consume it.
     */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public DeadLetterReplay.Report replay(@NotNull @Valid ReplayRequest request) {
        return replay.replay(request.topic());
    }
}
