package com.dcbeacon.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.portal.services.Views;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The months the pause form offers as the last month without a box. */
class PauseCyclesTest {

    @Test
    void shouldOfferSixMonthsFromTheSubscriptionsNextBox() {
        Views.Subscription subscription = new Views.Subscription(
                null, "ACTIVE", "classic", 2499, "EUR", List.of(), null, null, "2027-11", null, null, null, null, null);

        assertThat(MemberPages.pauseCycles(subscription))
                .containsExactly("2027-11", "2027-12", "2028-01", "2028-02", "2028-03", "2028-04");
    }

    @Test
    void shouldStartFromNextMonthWithoutANextBox() {
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);

        assertThat(MemberPages.pauseCycles(null)).hasSize(6).first().isEqualTo(next.toString());
    }
}
