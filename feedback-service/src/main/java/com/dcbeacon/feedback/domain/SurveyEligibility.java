package com.dcbeacon.feedback.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * "Earn my attention, don't steal it": a member is asked for their NPS only after a box arrived, at most once
 * in 90 days, and never after opting out of surveys. A delivered box invites the member ({@link #invite}), and an
 * invitation counts toward the 90 days too.
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
        if (withinCap(lastAnswer, now)) {
            return new Decision(
                    false, "you answered on " + lastAnswer.get().toLocalDate() + "; we ask at most once every 90 days");
        }
        return new Decision(true, "we would love to hear how likely you are to recommend Dcbeacon");
    }

    /**
     * Whether a member whose box was just delivered is invited to the survey now: opted in, and neither invited nor
     * answered within the fatigue cap. An invitation counts toward the cap as an answer does, so a member gets at most
     * one invitation per 90 days however many boxes arrive, and none within 90 days of answering.
     */
    public static boolean invite(
            boolean optedIn,
            Optional<OffsetDateTime> lastAnswer,
            Optional<OffsetDateTime> lastInvitation,
            OffsetDateTime now) {
        return optedIn && !withinCap(lastAnswer, now) && !withinCap(lastInvitation, now);
    }

    private static boolean withinCap(Optional<OffsetDateTime> last, OffsetDateTime now) {
        return last.isPresent() && last.get().isAfter(now.minus(FATIGUE_CAP));
    }
}
