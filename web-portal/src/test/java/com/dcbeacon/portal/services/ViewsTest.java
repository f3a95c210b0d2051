package com.dcbeacon.portal.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void shouldCallABoxCoveredUpToAndIncludingTheGiftsLastCycle() {
        Views.Subscription gift = subscription("2027-03");

        assertThat(box("2027-02").coveredBy(gift)).isTrue();
        assertThat(box("2027-03").coveredBy(gift)).isTrue();
        assertThat(box("2027-04").coveredBy(gift)).isFalse();
    }

    @Test
    void shouldNeverCallABoxOfAPaidSubscriptionCovered() {
        assertThat(box("2027-02").coveredBy(subscription(null))).isFalse();
        assertThat(box("2027-02").coveredBy(null)).isFalse();
    }

    private static Views.Subscription subscription(String giftLastCycle) {
        return new Views.Subscription(
                null,
                "ACTIVE",
                "classic",
                2900,
                "EUR",
                List.of(),
                null,
                null,
                "2027-02",
                null,
                giftLastCycle,
                null,
                null,
                null);
    }

    private static Views.Box box(String cycle) {
        return new Views.Box(null, cycle, "CURATED", List.of(), 2900, "EUR", List.of(), 700, 3600);
    }
}
