package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class CreditCapTest {

    @Property
    void shouldNeverCreditABoxAboveItsChargeHoweverManyIssuesAreReported(
            @ForAll @LongRange(min = 0, max = 10_000) long charged,
            @ForAll @Size(max = 8) List<@LongRange(min = 1, max = 10_000) Long> requests) {
        long credited = 0;
        long requested = 0;
        for (long request : requests) {
            long booked = CreditCap.bookable(charged, credited, request);
            assertThat(booked).isBetween(0L, request);
            credited += booked;
            requested += request;
        }
        // Never above the charge, and nothing held back while some of it is left.
        assertThat(credited).isEqualTo(Math.min(charged, requested));
    }

    @Property
    void shouldGiveNothingBackForABoxNeverCharged(@ForAll @LongRange(min = 1, max = 10_000) long requested) {
        assertThat(CreditCap.bookable(0, 0, requested)).isZero();
        assertThat(CreditCap.bookable(requested, 0, requested))
                .as("positive anchor")
                .isEqualTo(requested);
    }
}
