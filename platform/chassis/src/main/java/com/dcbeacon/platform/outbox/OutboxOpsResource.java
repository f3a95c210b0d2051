package com.dcbeacon.platform.outbox;

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
import java.util.Map;

/** Ops: the service's parked outbox rows, and re-sending a key's parked rows once the cause is fixed. */
@Path("/api/ops/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class OutboxOpsResource {

    public record ResendRequest(
            @NotBlank String topic, @NotBlank String messageKey) {}

    private final OutboxParking parking;

    public OutboxOpsResource(OutboxParking parking) {
        this.parking = parking;
    }

    @GET
    public List<OutboxParking.Parked> parked() {
        return parking.list();
    }

    /** 200 {@code {resent: n}}; 404 when nothing of that topic and key is parked. */
    @POST
    @Path("/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Integer> resend(@NotNull @Valid ResendRequest request) {
        int resent = parking.resend(request.topic(), request.messageKey());
        if (resent == 0) {
            throw ProblemException.notFound(
                    "nothing of key " + request.messageKey() + " on " + request.topic() + " is parked");
        }
        return Map.of("resent", resent);
    }
}
