package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.ConsentTerms;
import java.time.YearMonth;

/**
 * What a subscription change does to boxes, said in the answer to the member who made it. A change reaches boxes
 * not curated yet at once; a box already curated keeps its contents and price, and one whose cycle is no longer
 * wanted is withdrawn by box-service, or, if it ships anyway, not charged.
 */
final class ChangeEffects {

    static final String PLAN_CHANGED =
            "Applies from your next box that is not curated yet; a box already curated keeps "
                    + "its contents and the price it was curated for.";
    private static final String WITHDRAWN =
            "a box already curated for it is withdrawn, and one that ships anyway is on us.";

    private ChangeEffects() {}

    static String skipped(YearMonth cycle) {
        return "No box and no charge for " + cycle + ": " + WITHDRAWN;
    }

    static String paused(YearMonth untilCycle) {
        String until = untilCycle == null ? "until you resume" : "up to and including " + untilCycle;
        return "No boxes and no charges " + until + ": " + WITHDRAWN.replace("for it", "for those months");
    }

    static String resumed(YearMonth nextCycle) {
        return "Your boxes start again with the one for " + nextCycle + ".";
    }

    static String cancelled() {
        return ConsentTerms.CANCELLED;
    }
}
