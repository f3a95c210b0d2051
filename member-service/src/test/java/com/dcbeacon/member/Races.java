package com.dcbeacon.member;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Test fixture: calls sent at the same moment, each from a thread of its own, released together by one latch. */
public final class Races {

    private Races() {}

    /** Runs every call at once; answers their answers in the order of {@code calls}. */
    public static <T> List<T> atOnce(List<Supplier<T>> calls) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(calls.size());
        try {
            List<CompletableFuture<T>> sent = calls.stream()
                    .map(call -> CompletableFuture.supplyAsync(
                            () -> {
                                await(start);
                                return call.get();
                            },
                            callers))
                    .toList();
            start.countDown();
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
