package com.dcbeacon.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.platform.problem.ProblemDetail;
import com.dcbeacon.platform.problem.ProblemException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CycleTest {

    @Test
    void shouldParseACycleAndLeaveAMissingOneMissing() {
        assertThat(Cycle.parse("cycle", "2026-12")).isEqualTo(YearMonth.of(2026, 12));
        assertThat(Cycle.parse("untilCycle", null)).isNull();
    }

    @Test
    void shouldRefuseAnythingElseNamingTheField() {
        for (String wrong : List.of("2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", " 2026-01", "")) {
            assertThatThrownBy(() -> Cycle.parse("cycle", wrong))
                    .as(wrong)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.violations()).containsExactly(new ProblemDetail.Violation("cycle", Cycle.MESSAGE));
                    });
        }
    }

    @Test
    void shouldAcceptACycleUpToTheLimitAheadAndRefuseOneBeyondIt() {
        YearMonth current = YearMonth.of(2026, 11);
        assertThat(Cycle.parseWithin("cycle", "2028-11", current, 24)).isEqualTo(YearMonth.of(2028, 11));
        assertThat(Cycle.parseWithin("cycle", "2020-01", current, 24))
                .as("the past is the caller's rule")
                .isEqualTo(YearMonth.of(2020, 1));
        assertThat(Cycle.parseWithin("untilCycle", null, current, 24)).isNull();
        assertThatThrownBy(() -> Cycle.parseWithin("cycle", "2028-12", current, 24))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.violations())
                            .containsExactly(new ProblemDetail.Violation("cycle", "must be at most 24 months ahead"));
                });
        assertThatThrownBy(() -> Cycle.parseWithin("cycle", "2028-1", current, 24))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new ProblemDetail.Violation("cycle", Cycle.MESSAGE)));
    }

    @Test
    void shouldBeTheOnlyCycleFormInTheEventSchemas() {
        List<SchemaProperties.Property> cycles = SchemaProperties.all().stream()
                .filter(p -> p.name().matches("(?i).*cycles?"))
                .toList();
        assertThat(cycles)
                .extracting(SchemaProperties.Property::toString)
                .as("top-level and nested cycle fields are found")
                .contains(
                        "event-schemas/BoxShipped.v1.json /cycle",
                        "event-schemas/MemberStateAnnounced.v1.json /subscription/oneOf/1/skippedCycles");
        for (SchemaProperties.Property cycle : cycles) {
            assertThat(cycle.strings())
                    .as(cycle.toString())
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.path("pattern").asText())
                            .as(cycle.toString())
                            .isEqualTo(Cycle.PATTERN));
        }
        List<Map.Entry<String, String>> monthPatterns = SchemaProperties.patterns().stream()
                .filter(p -> p.getValue().contains("[0-9]{4}-"))
                .toList();
        assertThat(monthPatterns)
                .as("every year-month pattern (pausedUntil too) is the cycle's")
                .hasSizeGreaterThan(cycles.size())
                .allSatisfy(p -> assertThat(p.getValue()).as(p.getKey()).isEqualTo(Cycle.PATTERN));
    }
}
