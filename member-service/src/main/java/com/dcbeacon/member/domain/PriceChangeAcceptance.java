package com.dcbeacon.member.domain;

import java.util.Optional;

/**
 * When staying counts as accepting a price change. A price change is announced at least 30 days ahead to every member
 * on the plan, who can cancel at no cost before it applies. A member accepts it by staying: a subscription whose latest
 * consent record before the effective date (00:00 UTC) is on the plan and is not a cancel was subscribed to the plan
 * when the new price took effect, active or paused, and pays the new price from then on. A plain rule.
 */
public final class PriceChangeAcceptance {

    private PriceChangeAcceptance() {}

    /** {@code latestBefore}: the subscription's latest consent record before the change took effect. */
    public static boolean accepts(Optional<ConsentRecord> latestBefore, String planId) {
        return latestBefore
                .filter(r -> r.planId.equals(planId) && r.action != ConsentAction.CANCEL)
                .isPresent();
    }
}
