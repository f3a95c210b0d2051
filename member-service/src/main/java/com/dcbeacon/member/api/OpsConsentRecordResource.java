package com.dcbeacon.member.api;

import com.dcbeacon.member.api.ConsentRecordResource.ConsentRecordsResponse;
import com.dcbeacon.member.domain.ConsentRecords;
import com.dcbeacon.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Ops read records of consent by the pseudonymous member key, also those of an erased member. */
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/ops/consent-records")
public class OpsConsentRecordResource {

    private final ConsentRecords consents;

    public OpsConsentRecordResource(ConsentRecords consents) {
        this.consents = consents;
    }

    /** Also the pseudonymised records of an erased member: {@code memberKey} is the SHA-256 of the member id. */
    @GET
    @RolesAllowed(Roles.OPS)
    @Transactional
    public ConsentRecordsResponse forMemberKey(
            @QueryParam("memberKey")
                    @NotNull
                    @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lowercase hex digits")
                    String memberKey,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return ConsentRecordsResponse.of(consents.forMemberKey(memberKey, page, size), page, size);
    }
}
