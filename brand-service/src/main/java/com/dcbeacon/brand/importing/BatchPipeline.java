package com.dcbeacon.brand.importing;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Prepares batches on a thread of its own while the calling thread writes the previous ones, so on two cores the Java
 * work of batch n+1 overlaps the database's work on batch n instead of adding to it. The caller keeps its transaction
 * and its connection: only it writes. At most {@value #AHEAD} prepared batches wait, so memory stays bounded.
 *
 * <p>What goes wrong on either side stops both: an exception of the preparing side (a malformed file) is thrown to
 * the caller once the batches before it are written; an exception of the writing side (a failed insert) stops the
 * preparing side at its next batch and is thrown to the caller. Either way the caller's transaction rolls back, so
 * nothing of the file is kept. The preparing thread has always ended when {@link #run} returns or throws.
 */
final class BatchPipeline {

    static final int AHEAD = 2;

    private static final Object END = new Object();

    private record Failed(Throwable cause) {}

    /** Thrown on the preparing thread to stop it once the writing side has given up. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private BatchPipeline() {}

    /**
     * Runs {@code prepare} on a new thread, handing it a sink for its batches, and {@code write} on the calling thread
     * for each batch in order.
     */
    static <B> void run(String threadName, Consumer<Consumer<B>> prepare, Consumer<B> write) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
        Flag stop = new Flag();
        Thread preparer = Thread.ofPlatform().name(threadName).daemon().start(() -> {
            Object last = END;
            try {
                prepare.accept(batch -> {
                    if (stop.raised) {
                        throw new Stopped();
                    }
                    putUninterruptibly(queue, batch);
                });
            } catch (Stopped stopped) {
                // the writing side has failed and reports it
            } catch (Throwable t) {
                last = new Failed(t);
            }
            putUninterruptibly(queue, last);
        });
        boolean ended = false;
        try {
            while (true) {
                Object next = queue.take();
                if (next == END) {
                    ended = true;
                    return;
                }
                if (next instanceof Failed failed) {
                    ended = true;
                    throw rethrown(failed.cause());
                }
                @SuppressWarnings("unchecked")
                B batch = (B) next;
                write.accept(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IllegalStateException interrupted = new IllegalStateException("interrupted while importing", e);
            stopPreparing(queue, stop, interrupted);
            ended = true;
            throw interrupted;
        } catch (RuntimeException | Error e) {
            if (!ended) {
                stopPreparing(queue, stop, e);
                ended = true;
            }
            throw e;
        } finally {
            joinUninterruptibly(preparer);
        }
    }

    /**
     * Lets the preparing thread finish after the writing side failed: it stops at its next batch; what it still hands
     * over is dropped, and a failure of its own is kept as suppressed by the writing side's.
     */
    private static void stopPreparing(BlockingQueue<Object> queue, Flag stop, Throwable writing) {
        stop.raised = true;
        while (true) {
            Object next = takeUninterruptibly(queue);
            if (next instanceof Failed failed) {
                writing.addSuppressed(failed.cause());
                return;
            }
            if (next == END) {
                return;
            }
        }
    }

    private static final class Flag {
        volatile boolean raised;
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static void putUninterruptibly(BlockingQueue<Object> queue, Object item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object takeUninterruptibly(BlockingQueue<Object> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
