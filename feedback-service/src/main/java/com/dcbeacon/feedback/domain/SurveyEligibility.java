package com.dcbeacon.feedback.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * "Earn my attention, don't steal it": a member is asked for their NPS only after a box arrived, at most once
 * in 90 days, and never after opting out of surveys.
 */
public final class SurveyEligibility {

    public static final Duration FATIGUE_CAP = Duration.ofDays(90);

    public record Decision(boolean eligible, String reason) {}

    private SurveyEligibility() {}

    public static Decision decide(
            boolean optedIn, boolean receivedABox, Optional<OffsetDateTime> lastAnswer, OffsetDateTime now) {
        if (!optedIn) {
            return new Decision(false, "you opted out of surveys");
        }
        if (!receivedABox) {
            return new Decision(false, "we ask once your first box has arrived");
        }
        if (lastAnswer.isPresent() && lastAnswer.get().isAfter(now.minus(FATIGUE_CAP))) {
            return new Decision(
                    false, "you answered on " + lastAnswer.get().toLocalDate() + "; we ask at most once every 90 days");
        }
        return new Decision(true, "we would love to hear how likely you are to recommend Dcbeacon");
    }
}
