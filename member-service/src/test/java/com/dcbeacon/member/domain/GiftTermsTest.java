package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.platform.problem.ProblemException;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The plain rules of a gift: its price, its code, and the cycles it pays for. */
class GiftTermsTest {

    @Test
    void shouldDrawUnguessableCodesReadWhateverTheirCaseOrSeparators() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = GiftTerms.newCode();
            assertThat(code).matches("[A-Z2-7]{26}");
            assertThat(GiftTerms.normalise(code.toLowerCase(java.util.Locale.ROOT) + " "))
                    .contains(code);
            assertThat(GiftTerms.normalise(code.substring(0, 13) + "-" + code.substring(13)))
                    .contains(code);
            codes.add(code);
        }
        assertThat(codes).as("no two alike").hasSize(1000);
        assertThat(GiftTerms.normalise("ABC")).isEmpty();
        assertThat(GiftTerms.normalise("0".repeat(26))).as("0 is not base32").isEmpty();
        assertThat(GiftTerms.normalise(null)).isEmpty();
    }

    @Test
    void shouldPriceOneToTwelveCyclesOnly() {
        assertThat(GiftTerms.total(2499, 3)).isEqualTo(7497);
        assertThat(GiftTerms.total(2499, 12)).isEqualTo(29988);
        assertThatThrownBy(() -> GiftTerms.total(2499, 0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GiftTerms.total(2499, 13)).isInstanceOf(ProblemException.class);
    }

    @Property
    void shouldPayForExactlyItsCyclesNeverBeforeTheStartNorTheClaim(
            @ForAll @IntRange(min = 0, max = 30) int startAhead,
            @ForAll @IntRange(min = 0, max = 40) int claimAhead,
            @ForAll @IntRange(min = 1, max = 12) int cycles) {
        YearMonth now = YearMonth.of(2026, 12);
        YearMonth start = now.plusMonths(1 + startAhead);
        YearMonth claim = now.plusMonths(claimAhead);
        YearMonth first = GiftTerms.firstCycle(start, claim);
        YearMonth last = GiftTerms.lastCycle(first, cycles);
        assertThat(first).isAfterOrEqualTo(start).isAfter(claim);
        assertThat(first.equals(start) || first.equals(claim.plusMonths(1))).isTrue();
        int covered = 0;
        for (YearMonth c = first.minusMonths(2); !c.isAfter(last.plusMonths(2)); c = c.plusMonths(1)) {
            if (GiftTerms.covers(first, last, c)) {
                covered++;
            }
        }
        assertThat(covered).isEqualTo(cycles);
    }
}
