package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.MemberStateAnnouncements;
import com.dcbeacon.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** Ops: re-announcing members so that box- and feedback-service can rebuild a lost replica (docs/messaging.md). */
@Path("/api/ops/replicas")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class ReplicaOpsResource {

    /** {@code memberId}: only this member; without it (or without a body) every member. */
    public record ReAnnounceRequest(UUID memberId) {}

    private final MemberStateAnnouncements announcements;

    public ReplicaOpsResource(MemberStateAnnouncements announcements) {
        this.announcements = announcements;
    }

    /** 200 {@code {members: n}}; 404 when the named member does not exist (or was erased). */
    @POST
    @Path("/re-announce")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Integer> reAnnounce(ReAnnounceRequest request) {
        return announcements.reAnnounce(request == null ? null : request.memberId());
    }
}
