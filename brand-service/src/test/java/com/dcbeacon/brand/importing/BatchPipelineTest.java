package com.dcbeacon.brand.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BatchPipelineTest {

    /** Whatever the number of batches, each is written once, in the order prepared, on the calling thread. */
    @Property(tries = 50)
    void writesEveryBatchInOrderOnTheCallingThread(@ForAll @IntRange(min = 0, max = 40) int batches) {
        List<Integer> written = new ArrayList<>();
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> preparer = new AtomicReference<>();
        BatchPipeline.<Integer>run(
                "test-preparer",
                sink -> {
                    preparer.set(Thread.currentThread());
                    for (int i = 0; i < batches; i++) {
                        sink.accept(i);
                    }
                },
                batch -> {
                    assertThat(Thread.currentThread()).isSameAs(caller);
                    written.add(batch);
                });
        assertThat(written)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, batches).boxed().toList());
        assertThat(preparer.get()).isNotSameAs(caller);
        assertThat(preparer.get().isAlive()).isFalse();
    }

    /** A failing write stops the preparing side at its next batch; the caller gets the write's exception. */
    @Property(tries = 30)
    void aFailedWriteStopsThePreparingSide(@ForAll @IntRange(min = 0, max = 20) int failAt) {
        AtomicInteger prepared = new AtomicInteger();
        AtomicReference<Thread> preparer = new AtomicReference<>();
        assertThatThrownBy(() -> BatchPipeline.<Integer>run(
                        "test-preparer",
                        sink -> {
                            preparer.set(Thread.currentThread());
                            for (int i = 0; i < 1_000; i++) {
                                sink.accept(i);
                                prepared.incrementAndGet();
                            }
                        },
                        batch -> {
                            if (batch == failAt) {
                                throw new IllegalStateException("write " + batch + " failed");
                            }
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("write " + failAt + " failed");
        assertThat(preparer.get().isAlive()).isFalse();
        // it may run ahead by the batches that wait and the one it hands over as the write fails, not more
        assertThat(prepared.get()).isLessThanOrEqualTo(failAt + BatchPipeline.AHEAD + 2);
    }

    /** A failing preparation reaches the caller after every batch prepared before it was written. */
    @Property(tries = 30)
    void aFailedPreparationIsThrownAfterTheBatchesBeforeIt(@ForAll @IntRange(min = 0, max = 20) int failAt) {
        List<Integer> written = new ArrayList<>();
        assertThatThrownBy(() -> BatchPipeline.<Integer>run(
                        "test-preparer",
                        sink -> {
                            for (int i = 0; i < failAt; i++) {
                                sink.accept(i);
                            }
                            throw new MalformedFileException("broken at " + failAt);
                        },
                        written::add))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("broken at " + failAt);
        assertThat(written).hasSize(failAt);
    }

    /** The preparing side failing too, after the write failed: the caller gets the write's exception, the other kept. */
    @Example
    void aFailureOfThePreparingSideAfterAFailedWriteIsKeptAsSuppressed() {
        java.util.concurrent.CountDownLatch writeFailing = new java.util.concurrent.CountDownLatch(1);
        assertThatThrownBy(() -> BatchPipeline.<Integer>run(
                        "test-preparer",
                        sink -> {
                            sink.accept(0);
                            try {
                                writeFailing.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            throw new MalformedFileException("broken after the write failed");
                        },
                        batch -> {
                            writeFailing.countDown();
                            throw new IllegalStateException("write failed");
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("write failed")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .isInstanceOf(MalformedFileException.class)
                        .extracting(Throwable::getMessage)
                        .isEqualTo("broken after the write failed"));
    }
}
