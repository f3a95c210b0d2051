package com.dcbeacon.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class InsightPolicyTest {

    @Test
    void shouldShowFiguresFromFiveMembersButNotFour() {
        assertThat(InsightPolicy.showTotal(raters("2026-11", 4))).isFalse();
        assertThat(InsightPolicy.showTotal(raters("2026-11", 5))).isTrue();
        assertThat(InsightPolicy.shownCycles(raters("2026-11", 4))).isEmpty();
        assertThat(InsightPolicy.shownCycles(raters("2026-11", 5))).containsExactly("2026-11");
    }

    @Test
    void shouldSuppressMoreSoThatTotalMinusShownCyclesIsolatesNobody() {
        List<InsightPolicy.Rater> ratings = new ArrayList<>(raters("2026-10", 5));
        ratings.addAll(raters("2026-11", 3));
        // Total (8) minus October (5) would reveal November's 3 raters: October is suppressed too.
        assertThat(InsightPolicy.shownCycles(ratings)).isEmpty();
        assertThat(InsightPolicy.showTotal(ratings)).isTrue();

        ratings.addAll(raters("2026-12", 6));
        // November's 3 plus October's 5 suppressed together: 8 ≥ 5.
        assertThat(InsightPolicy.shownCycles(ratings)).containsExactly("2026-12");
    }

    @Property(tries = 500)
    void whatIsHiddenIsEitherNothingOrAtLeastFiveMembers(@ForAll("ratings") List<InsightPolicy.Rater> ratings) {
        Set<String> shown = InsightPolicy.shownCycles(ratings);
        for (String cycle : shown) {
            assertThat(ratings.stream()
                            .filter(r -> r.cycle().equals(cycle))
                            .map(InsightPolicy.Rater::raterRef)
                            .distinct()
                            .count())
                    .isGreaterThanOrEqualTo(InsightPolicy.MINIMUM_MEMBERS);
        }
        Set<UUID> hidden = ratings.stream()
                .filter(r -> !shown.contains(r.cycle()))
                .map(InsightPolicy.Rater::raterRef)
                .collect(Collectors.toCollection(HashSet::new));
        if (!shown.isEmpty()) {
            assertThat(hidden.size())
                    .satisfiesAnyOf(
                            n -> assertThat(n).isZero(),
                            n -> assertThat(n).isGreaterThanOrEqualTo(InsightPolicy.MINIMUM_MEMBERS));
        }
    }

    @Provide
    Arbitrary<List<InsightPolicy.Rater>> ratings() {
        List<UUID> members = java.util.stream.IntStream.range(0, 15)
                .mapToObj(i -> new UUID(0, i))
                .toList();
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.of(members), Arbitraries.of("2026-09", "2026-10", "2026-11", "2026-12"))
                .as(InsightPolicy.Rater::new)
                .list()
                .ofMaxSize(40);
    }

    private static List<InsightPolicy.Rater> raters(String cycle, int count) {
        List<InsightPolicy.Rater> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new InsightPolicy.Rater(UUID.randomUUID(), cycle));
        }
        return list;
    }
}
