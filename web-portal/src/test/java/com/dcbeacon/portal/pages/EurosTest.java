package com.dcbeacon.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Euros typed in a form become exact cents, or are refused; never rounded. */
class EurosTest {

    @Property
    void shouldReadBackEveryAmountItWritesAsTheSameCents(@ForAll @LongRange(min = 0, max = 999_999_999L) long cents) {
        assertThat(Euros.toCents(Euros.of(cents))).contains(cents);
    }

    @Property
    void shouldRefuseMoreThanTwoDecimalsInsteadOfRounding(
            @ForAll @LongRange(min = 0, max = 99_999L) long euros,
            @ForAll @LongRange(min = 0, max = 999) long thousandths) {
        assertThat(Euros.toCents(euros + "." + String.format("%03d", thousandths)))
                .isEmpty();
    }

    @Example
    void shouldReadEurosWithOneOrTwoDecimalsOrNone() {
        assertThat(Euros.toCents("27.99")).contains(2799L);
        assertThat(Euros.toCents(" 12.5 ")).contains(1250L);
        assertThat(Euros.toCents("12,05")).contains(1205L);
        assertThat(Euros.toCents("30")).contains(3000L);
        assertThat(Euros.toCents("0.01")).contains(1L);
    }

    @Example
    void shouldRefuseWhatIsNotAnAmountInEuros() {
        assertThat(Euros.toCents("12.345")).isEmpty();
        assertThat(Euros.toCents("-1.00")).isEmpty();
        assertThat(Euros.toCents("1e3")).isEmpty();
        assertThat(Euros.toCents("1,299.00")).isEmpty();
        assertThat(Euros.toCents("")).isEmpty();
        assertThat(Euros.toCents(null)).isEmpty();
    }
}
