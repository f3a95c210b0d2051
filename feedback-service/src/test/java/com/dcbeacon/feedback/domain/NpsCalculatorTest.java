package com.dcbeacon.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NpsCalculatorTest {

    @Test
    void shouldMatchHandComputedScores() {
        // 2 promoters, 1 passive, 1 detractor: 50% − 25% = 25
        assertThat(NpsCalculator.summarize(List.of(10, 9, 8, 3)).nps()).isEqualByComparingTo("25.0");
        // 1 promoter, 2 detractors of 3: 33.33…% − 66.66…% = −33.3 (rounded from the exact fraction)
        assertThat(NpsCalculator.summarize(List.of(9, 6, 0)).nps()).isEqualByComparingTo("-33.3");
        // 2 promoters of 3: 66.666…% → 66.7
        assertThat(NpsCalculator.summarize(List.of(9, 10, 7)).nps()).isEqualByComparingTo("66.7");
        assertThat(NpsCalculator.summarize(List.of(7, 8)).nps()).isEqualByComparingTo("0.0");
        assertThat(NpsCalculator.summarize(List.of(0, 6)).nps()).isEqualByComparingTo("-100.0");
        assertThat(NpsCalculator.summarize(List.of()).nps()).isNull();
        assertThat(NpsCalculator.summarize(List.of()).responses()).isZero();
    }

    @Test
    void shouldBucketByIsoWeekFromMonday() {
        List<NpsCalculator.Bucket> weeks = NpsCalculator.series(
                List.of(
                        new NpsCalculator.Answer(LocalDate.of(2026, 11, 22), 10), // Sunday
                        new NpsCalculator.Answer(LocalDate.of(2026, 11, 23), 0)), // Monday
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 24),
                NpsCalculator.Interval.WEEK);
        assertThat(weeks)
                .extracting(NpsCalculator.Bucket::start)
                .containsExactly(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23));
        assertThat(weeks.get(0).summary().nps()).isEqualByComparingTo("100.0");
        assertThat(weeks.get(1).summary().nps()).isEqualByComparingTo("-100.0");
    }

    @Property(tries = 500)
    void npsIsBoundedCountsAddUpAndTheSeriesSumsToTheTotal(
            @ForAll("answers") List<NpsCalculator.Answer> answers, @ForAll boolean weekly) {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = from.plusDays(40);
        NpsCalculator.Summary total = NpsCalculator.summarize(
                answers.stream().map(NpsCalculator.Answer::score).toList());
        assertThat(total.promoters() + total.passives() + total.detractors()).isEqualTo(answers.size());
        if (total.nps() != null) {
            assertThat(total.nps()).isBetween(BigDecimal.valueOf(-100), BigDecimal.valueOf(100));
        }
        List<NpsCalculator.Bucket> series = NpsCalculator.series(
                answers, from, to, weekly ? NpsCalculator.Interval.WEEK : NpsCalculator.Interval.DAY);
        assertThat(series.stream().mapToInt(b -> b.summary().responses()).sum()).isEqualTo(total.responses());
        assertThat(series.stream().mapToInt(b -> b.summary().promoters()).sum()).isEqualTo(total.promoters());
        assertThat(series.stream().mapToInt(b -> b.summary().detractors()).sum())
                .isEqualTo(total.detractors());
    }

    @Provide
    Arbitrary<List<NpsCalculator.Answer>> answers() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 10))
                .as((day, score) ->
                        new NpsCalculator.Answer(LocalDate.of(2026, 1, 1).plusDays(day), score))
                .list()
                .ofMaxSize(60);
    }
}
