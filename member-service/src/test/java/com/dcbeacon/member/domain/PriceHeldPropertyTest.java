package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whoever joins a plan after a price change was announced pays it neither before its effective date nor with less
 * notice than a member already on the plan got: from the later of the two.
 */
class PriceHeldPropertyTest {

    private static final LocalDate EPOCH = LocalDate.of(2026, 1, 1);

    @Property
    void aMemberJoiningAfterTheAnnouncementPaysTheNewPriceOnlyAfterTheMinimumNotice(
            @ForAll @IntRange(min = 0, max = 3_000) int day, @ForAll @IntRange(min = 1, max = 400) int daysAhead) {
        LocalDate today = EPOCH.plusDays(day);
        PlanPriceChange change = new PlanPriceChange();
        change.effectiveOn = today.plusDays(daysAhead);

        Optional<LocalDate> held = PlanPricing.heldUntil(Optional.of(change), today);
        LocalDate paysFrom = held.orElse(change.effectiveOn);

        assertThat(paysFrom).isAfterOrEqualTo(today.plusDays(PlanPricing.MINIMUM_NOTICE_DAYS));
        assertThat(paysFrom).isAfterOrEqualTo(change.effectiveOn);
        assertThat(held.isPresent())
                .as("held only when the change itself comes sooner")
                .isEqualTo(daysAhead < PlanPricing.MINIMUM_NOTICE_DAYS);
        assertThat(PlanPricing.heldUntil(Optional.empty(), today)).isEmpty();
    }
}
