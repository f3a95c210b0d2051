package com.dcbeacon.member.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A consent record as the member (in the data export) and ops read it: what was shown, the price, when, how. */
public record ConsentRecordView(
        UUID id,
        String memberKey,
        UUID subscriptionId,
        String action,
        String planId,
        long priceCents,
        String currency,
        String billingCycle,
        String firstCycle,
        String termsVersion,
        String terms,
        String channel,
        String actorId,
        OffsetDateTime recordedAt,
        boolean pseudonymised) {

    public static ConsentRecordView of(ConsentRecord r) {
        return new ConsentRecordView(
                r.id,
                r.memberKey,
                r.subscriptionId,
                r.action.name(),
                r.planId,
                r.priceCents,
                r.currency,
                r.billingCycle,
                r.firstCycle,
                r.termsVersion,
                r.termsText,
                r.channel.name(),
                r.actorId,
                r.recordedAt,
                r.pseudonymisedAt != null);
    }
}
