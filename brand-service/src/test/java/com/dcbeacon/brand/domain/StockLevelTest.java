package com.dcbeacon.brand.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    @Test
    void shouldClampAtZeroAndKeepTheOversoldUnits() {
        assertThat(new StockLevel(10, 0).allocate(30)).isEqualTo(new StockLevel(0, 20));
        assertThat(new StockLevel(0, 20).allocate(5)).isEqualTo(new StockLevel(0, 25));
    }

    @Test
    void shouldPayOversoldUnitsBackBeforeTheStockRises() {
        assertThat(new StockLevel(0, 20).release(5)).isEqualTo(new StockLevel(0, 15));
        assertThat(new StockLevel(0, 20).release(30)).isEqualTo(new StockLevel(10, 0));
        assertThat(new StockLevel(7, 0).release(3)).isEqualTo(new StockLevel(10, 0));
    }

    @Test
    void shouldRefuseNonPositiveUnits() {
        assertThatThrownBy(() -> new StockLevel(5, 0).allocate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StockLevel(5, 0).release(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 1000)
    void shouldRestoreTheLevelWhenAnAllocationIsReleased(
            @ForAll @IntRange(max = 1000) int stock,
            @ForAll @IntRange(max = 1000) int oversold,
            @ForAll @IntRange(min = 1, max = 2000) int units) {
        StockLevel start = new StockLevel(oversold > 0 ? 0 : stock, oversold);

        assertThat(start.allocate(units).release(units)).isEqualTo(start);
    }

    /** Whatever the order of the deltas: the balance is exact, nothing is negative, and oversold means no stock. */
    @Property(tries = 1000)
    void shouldKeepTheBalanceExactThroughAnySequenceOfDeltas(
            @ForAll @IntRange(max = 500) int initial, @ForAll("deltas") List<Integer> deltas) {
        StockLevel level = new StockLevel(initial, 0);
        long expected = initial;
        for (int delta : deltas) {
            level = delta < 0 ? level.allocate(-delta) : level.release(delta);
            expected += delta;

            assertThat(level.balance()).isEqualTo(expected);
            assertThat(level.stock()).isEqualTo(Math.max(0, expected));
            assertThat(level.oversold()).isEqualTo(Math.max(0, -expected));
        }
    }

    @Provide
    Arbitrary<List<Integer>> deltas() {
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(1, 200),
                        Arbitraries.integers().between(-200, -1))
                .list()
                .ofMaxSize(30);
    }
}
