package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BoxChargePolicyTest {

    private static final YearMonth CURRENT = YearMonth.of(2026, 11);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 10, 12, 0, 0, 0, ZoneOffset.UTC);

    @Property
    void shouldChargeABoxOnlyWhenItsPreviewWasSentAtLeastTheLeadBeforeItShipped(
            @ForAll @LongRange(min = 0, max = 14 * 24 * 60) long leadMinutes,
            @ForAll @LongRange(min = -30 * 24 * 60, max = 30 * 24 * 60) long shippedMinutesAfterPreview) {
        Duration lead = Duration.ofMinutes(leadMinutes);
        OffsetDateTime shippedAt = NOW.plusMinutes(shippedMinutesAfterPreview);

        assertThat(BoxChargePolicy.previewedInTime(Optional.of(NOW), shippedAt, lead))
                .isEqualTo(shippedMinutesAfterPreview >= leadMinutes);
        assertThat(BoxChargePolicy.previewedInTime(Optional.empty(), shippedAt, lead))
                .as("a preview never sent never makes a box chargeable")
                .isFalse();
    }

    @Test
    void shouldChargeABoxShippedExactlyTheLeadAfterItsPreviewButNotASecondEarlier() {
        Duration lead = Duration.ofDays(5);

        assertThat(BoxChargePolicy.previewedInTime(Optional.of(NOW), NOW.plusDays(5), lead))
                .isTrue();
        assertThat(BoxChargePolicy.previewedInTime(
                        Optional.of(NOW), NOW.plusDays(5).minusSeconds(1), lead))
                .isFalse();
        assertThatThrownBy(() -> BoxChargePolicy.previewedInTime(Optional.of(NOW), NOW, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void shouldNotChargeABoxShippedAfterCancelButOneShippedBefore(
            @ForAll @IntRange(min = 1, max = 600) int minutes, @ForAll @IntRange(min = 0, max = 6) int monthsAhead) {
        Subscription subscription = active();
        subscription.cancel(null, NOW, 1);
        YearMonth cycle = CURRENT.plusMonths(monthsAhead);

        assertThat(BoxChargePolicy.notWanted(subscription, cycle, NOW.plusMinutes(minutes)))
                .contains(BoxChargePolicy.NotWanted.CANCELLED);
        assertThat(BoxChargePolicy.notWanted(subscription, cycle, NOW.minusMinutes(minutes)))
                .isEmpty();
    }

    @Property
    void shouldNotChargeASkippedCycleButChargeTheOthers(
            @ForAll @IntRange(min = 0, max = 6) int skipped, @ForAll @IntRange(min = 0, max = 6) int shipped) {
        Subscription subscription = active();
        subscription.skip(CURRENT.plusMonths(skipped), CURRENT, NOW, 1);

        assertThat(BoxChargePolicy.notWanted(subscription, CURRENT.plusMonths(shipped), NOW))
                .isEqualTo(
                        skipped == shipped
                                ? java.util.Optional.of(BoxChargePolicy.NotWanted.CYCLE_SKIPPED)
                                : java.util.Optional.empty());
    }

    @Property
    void shouldNotChargeACycleAPauseCoversButChargeTheOnesAfterIt(
            @ForAll @IntRange(min = 0, max = 6) int until, @ForAll @IntRange(min = 0, max = 8) int shipped) {
        Subscription subscription = active();
        subscription.pause(CURRENT.plusMonths(until), CURRENT, NOW, 1);

        assertThat(BoxChargePolicy.notWanted(subscription, CURRENT.plusMonths(shipped), NOW)
                        .isPresent())
                .isEqualTo(shipped <= until);
        subscription.resume(NOW, 1);
        assertThat(BoxChargePolicy.notWanted(subscription, CURRENT.plusMonths(shipped), NOW))
                .as("after resuming")
                .isEmpty();
    }

    @Property
    void shouldStillNotChargeAPausedCycleOnceThePauseEndedByItself(
            @ForAll @IntRange(min = 0, max = 6) int until, @ForAll @IntRange(min = 0, max = 8) int shipped) {
        Subscription subscription = active();
        YearMonth lastPaused = CURRENT.plusMonths(until);
        subscription.pause(lastPaused, CURRENT, NOW, 1);
        OffsetDateTime ended = lastPaused.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);

        assertThat(subscription.resumeAfterPause(YearMonth.from(ended), ended, 1))
                .isPresent();
        assertThat(subscription.status).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(BoxChargePolicy.notWanted(subscription, CURRENT.plusMonths(shipped), ended)
                        .isPresent())
                .isEqualTo(shipped <= until);
    }

    @Test
    void shouldNotChargeAnyCycleWhilePausedUntilTheMemberResumes() {
        Subscription subscription = active();
        subscription.pause(null, CURRENT, NOW, 1);
        assertThat(BoxChargePolicy.notWanted(subscription, CURRENT.plusMonths(24), NOW))
                .contains(BoxChargePolicy.NotWanted.PAUSED);
    }

    @Property
    void shouldChargeTheCuratedPriceWhateverThePlanCostsNow(
            @ForAll @LongRange(min = 0, max = 100_000) long curated,
            @ForAll @LongRange(min = 0, max = 100_000) long planNow) {
        assertThat(BoxChargePolicy.price(curated, () -> planNow)).isEqualTo(curated);
        assertThat(BoxChargePolicy.price(null, () -> planNow))
                .as("an event written before prices were sent")
                .isEqualTo(planNow);
    }

    private static Subscription active() {
        Plan plan = new Plan();
        plan.id = "classic";
        plan.itemsPerBox = 8;
        plan.priceCents = 2499;
        plan.currency = "EUR";
        return Subscription.start(UUID.randomUUID(), plan, plan.priceCents, NOW.minusDays(30), 1, new ArrayList<>());
    }
}
