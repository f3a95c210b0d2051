package com.dcbeacon.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** When a delivered box invites its member to the NPS survey (plain rule). */
class SurveyInvitationRuleTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldInviteAnOptedInMemberNeitherInvitedNorAnsweringWithin90Days() {
        assertThat(SurveyEligibility.invite(true, Optional.empty(), Optional.empty(), NOW))
                .isTrue();
        assertThat(SurveyEligibility.invite(true, Optional.of(NOW.minusDays(91)), Optional.of(NOW.minusDays(90)), NOW))
                .isTrue();
    }

    @Test
    void shouldNotInviteWithin90DaysOfAnInvitationOrAnAnswerNorAfterAnOptOut() {
        assertThat(SurveyEligibility.invite(true, Optional.empty(), Optional.of(NOW.minusDays(89)), NOW))
                .isFalse();
        assertThat(SurveyEligibility.invite(true, Optional.of(NOW.minusDays(1)), Optional.empty(), NOW))
                .isFalse();
        assertThat(SurveyEligibility.invite(false, Optional.empty(), Optional.empty(), NOW))
                .isFalse();
    }

    /**
     * Whatever the days boxes arrive on, an opted-in member who never answers is invited at most once in any 90 days,
     * and is invited again by the first box more than 90 days after the last invitation.
     */
    @Property(tries = 200, seed = "20261130")
    void shouldInviteAtMostOnceIn90DaysWhateverTheDeliveries(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 60) Integer> daysBetweenBoxes) {
        List<OffsetDateTime> invitations = new ArrayList<>();
        OffsetDateTime day = NOW;
        for (int gap : daysBetweenBoxes) {
            day = day.plusDays(gap);
            Optional<OffsetDateTime> last =
                    invitations.isEmpty() ? Optional.empty() : Optional.of(invitations.getLast());
            boolean invited = SurveyEligibility.invite(true, Optional.empty(), last, day);
            assertThat(invited)
                    .isEqualTo(last.isEmpty() || !last.get().isAfter(day.minus(SurveyEligibility.FATIGUE_CAP)));
            if (invited) {
                invitations.add(day);
            }
        }
        assertThat(invitations).isNotEmpty();
        for (int i = 1; i < invitations.size(); i++) {
            assertThat(Duration.between(invitations.get(i - 1), invitations.get(i)))
                    .isGreaterThanOrEqualTo(SurveyEligibility.FATIGUE_CAP);
        }
    }
}
