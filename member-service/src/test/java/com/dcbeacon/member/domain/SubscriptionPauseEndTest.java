package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.payload.SubscriptionResumed;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A pause with an end: read ACTIVE from the first day after its last cycle, and resumed once from then on. */
class SubscriptionPauseEndTest {

    private static final YearMonth CURRENT = YearMonth.of(2026, 11);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 10, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldReadPausedThroughItsLastCycleAndActiveFromTheNext() {
        Subscription s = pausedUntil(CURRENT.plusMonths(1));

        assertThat(s.resumesOn()).contains(LocalDate.of(2027, 1, 1));
        assertThat(s.statusIn(CURRENT.plusMonths(1))).isEqualTo(SubscriptionStatus.PAUSED);
        assertThat(s.pausedUntilIn(CURRENT.plusMonths(1))).isEqualTo("2026-12");
        assertThat(s.statusIn(CURRENT.plusMonths(2))).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.pausedUntilIn(CURRENT.plusMonths(2))).isNull();
        assertThat(s.nextCycle(CURRENT.plusMonths(2))).contains(CURRENT.plusMonths(3));
    }

    @Test
    void shouldResumeOnlyOnceThePauseEndedAndOnlyOnce() {
        Subscription s = pausedUntil(CURRENT);
        OffsetDateTime lastMinute = OffsetDateTime.of(2026, 11, 30, 23, 59, 0, 0, ZoneOffset.UTC);
        OffsetDateTime ended = OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);

        assertThat(s.resumeAfterPause(CURRENT, lastMinute, 1)).isEmpty();
        assertThat(s.status).isEqualTo(SubscriptionStatus.PAUSED);
        assertThat(s.resumeAfterPause(YearMonth.from(ended), ended, 2))
                .containsInstanceOf(SubscriptionResumed.class)
                .hasValueSatisfying(e -> assertThat((SubscriptionResumed) e)
                        .extracting(SubscriptionResumed::preferencesVersion, SubscriptionResumed::pausedUntil)
                        .containsExactly(2L, "2026-11"));
        assertThat(s.status).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.pauseId).isNull();
        assertThat(s.pausedUntil).as("kept for late charges").isEqualTo("2026-11");
        assertThat(s.resumeAfterPause(YearMonth.from(ended), ended, 2)).isEmpty();
    }

    @Test
    void shouldNeverResumeAPauseWithoutAnEndByItself() {
        Subscription s = pausedUntil(null);

        assertThat(s.resumesOn()).isEmpty();
        assertThat(s.resumeAfterPause(CURRENT.plusMonths(30), NOW.plusMonths(30), 1))
                .isEmpty();
        assertThat(s.statusIn(CURRENT.plusMonths(30))).isEqualTo(SubscriptionStatus.PAUSED);
    }

    @Test
    void shouldNameEachPauseAndEachChangeOfItsEndAnew() {
        Subscription s = pausedUntil(CURRENT);
        UUID first = s.pauseId;

        assertThat(s.pause(CURRENT, CURRENT, NOW, 1)).as("the same pause again").isEmpty();
        assertThat(s.pauseId).isEqualTo(first);
        assertThat(s.pause(CURRENT.plusMonths(1), CURRENT, NOW, 1)).isPresent();
        assertThat(s.pauseId).isNotNull().isNotEqualTo(first);
    }

    @Test
    void shouldForgetTheRestOfAPauseResumedBeforeItsEnd() {
        Subscription s = pausedUntil(CURRENT.plusMonths(2));

        assertThat(s.resume(NOW, 1))
                .hasValueSatisfying(
                        e -> assertThat(((SubscriptionResumed) e).pausedUntil()).isNull());
        assertThat(s.pausedUntil).as("the member wants those cycles again").isNull();
    }

    private static Subscription pausedUntil(YearMonth until) {
        Plan plan = new Plan();
        plan.id = "classic";
        plan.itemsPerBox = 8;
        plan.currency = "EUR";
        Subscription s = Subscription.start(UUID.randomUUID(), plan, 2499, NOW, 1, new ArrayList<>());
        assertThat(s.pause(until, CURRENT, NOW, 1)).isPresent();
        return s;
    }
}
