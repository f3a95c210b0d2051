package com.dcbeacon.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The prices a plan form sends back as shown: what the page wrote, or none. */
class ShownPricesTest {

    @Test
    void shouldReadTheCentsThePageWroteAndNothingElse() {
        assertThat(MemberPages.cents("2900")).isEqualTo(2900L);
        assertThat(MemberPages.cents(" 2900 ")).isEqualTo(2900L);
        assertThat(MemberPages.cents(null)).isNull();
        assertThat(MemberPages.cents("")).isNull();
        assertThat(MemberPages.cents("29.00")).isNull();
    }
}
