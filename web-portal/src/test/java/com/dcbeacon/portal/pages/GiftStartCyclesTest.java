package com.dcbeacon.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The months the gift form offers to start with. */
class GiftStartCyclesTest {

    @Test
    void shouldOfferTwelveConsecutiveMonthsFromNextMonth() {
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);

        assertThat(SelfServicePages.startCycles())
                .hasSize(12)
                .startsWith(next.toString())
                .endsWith(next.plusMonths(11).toString())
                .isSorted();
    }
}
