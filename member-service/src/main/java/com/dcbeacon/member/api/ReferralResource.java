package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Referral;
import com.dcbeacon.member.domain.Referrals;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A member's referral code and the referrals they made; the member only (another member's id: 404). */
@Path("/api/members/{memberId}/referral")
@Produces(MediaType.APPLICATION_JSON)
public class ReferralResource {

    /**
     * {@code code} to share; what a referral credits each side now (cents, in the plan's currency); the referrals made,
     * newest first, without anything about the person referred.
     */
    public record ReferralResponse(
            String code, long referrerCreditCents, long refereeCreditCents, List<Made> referrals) {}

    /** {@code creditCents}: what this referral credited the referrer (0 until CREDITED, or when nothing was booked). */
    public record Made(
            UUID referralId,
            String status,
            OffsetDateTime referredAt,
            OffsetDateTime creditedAt,
            long creditCents,
            OffsetDateTime reversedAt) {
        static Made of(Referral r) {
            return new Made(r.id, r.status.name(), r.referredAt, r.creditedAt, r.referrerCreditCents, r.reversedAt);
        }
    }

    private final Referrals referrals;
    private final TenantAccess access;

    public ReferralResource(Referrals referrals, TenantAccess access) {
        this.referrals = referrals;
        this.access = access;
    }

    @GET
    @RolesAllowed(Roles.MEMBER)
    public ReferralResponse get(@PathParam("memberId") UUID memberId) {
        access.requireMember(memberId, false);
        Referrals.Overview overview = referrals.overview(memberId);
        return new ReferralResponse(
                overview.code(),
                overview.referrerCreditCents(),
                overview.refereeCreditCents(),
                overview.referrals().stream().map(Made::of).toList());
    }
}
