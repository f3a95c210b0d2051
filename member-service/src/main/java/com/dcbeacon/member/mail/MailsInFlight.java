package com.dcbeacon.member.mail;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The mails being sent, each by its worker thread from the moment it locked its row until its transaction ended, so
 * that a stop can refuse new ones and wait for these. Closing and entering are atomic: once {@link #close} began, no
 * worker enters, so no row is sent after the stop signal.
 */
final class MailsInFlight {

    private final Set<Thread> senders = new HashSet<>();
    private boolean closed;

    /** Counts the calling thread's send in; false once closed: the caller sends nothing. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        senders.add(Thread.currentThread());
        return true;
    }

    /** Counts the calling thread's send out; nothing if it entered none. */
    synchronized void leave() {
        if (senders.remove(Thread.currentThread()) && senders.isEmpty()) {
            notifyAll();
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    /** How many mails are being sent now. */
    synchronized int count() {
        return senders.size();
    }

    /**
     * Lets no further send in and waits up to {@code wait} for those under way to end. Those still under way then are
     * interrupted, and waited for up to {@code afterInterrupt} (their transactions roll back). Answers how many were
     * interrupted.
     */
    synchronized int close(Duration wait, Duration afterInterrupt) throws InterruptedException {
        closed = true;
        if (awaitIdle(wait)) {
            return 0;
        }
        List<Thread> late = List.copyOf(senders);
        late.forEach(Thread::interrupt);
        awaitIdle(afterInterrupt);
        return late.size();
    }

    private boolean awaitIdle(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!senders.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
