package com.dcbeacon.member.mail;

import com.dcbeacon.member.domain.MailNotSentReason;
import com.dcbeacon.member.domain.Member;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.messaging.DeadLetterUnlessStopping;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the e-mail of every notification, at least once. The notification row is the mail's outbox: it is written in
 * the business transaction, and this sender picks due rows one at a time ({@code for update skip locked}), sends the
 * mail and records the outcome in that row's transaction. {@code dcbeacon.mail.concurrency} workers (default 4) send at
 * once, each its own row: a mail spends most of its time waiting for the SMTP server's replies, so one worker bounds a
 * cycle's previews to a few per second. A member's mails still go out one after the other, oldest first (see
 * {@link NotificationRepository#lockNextMailDue}). A run sends every mail that is due: it goes on with another batch
 * while the last one used its whole budget, as the outbox relay does, so a cycle's previews leave as fast as the
 * workers send them, not one batch per poll.
 *
 * <p>A stop takes no further row and lets the mails in flight finish and commit, for up to
 * {@code dcbeacon.mail.stop-wait} (see {@link #onStop}); only a send that outlasts it is interrupted, rolled back and
 * sent again after the restart. A crash after the SMTP server accepted a mail but before the commit sends it again
 * too; the Message-ID derived from the notification id makes the copy recognisable.
 *
 * <p>Transient failures (no connection, a 4xx reply, no answer in time) are retried with a growing backoff; a 5xx
 * reply or the last allowed attempt settles the row as not sent, with the reason.
 */
@ApplicationScoped
public class NotificationMailSender {

    private static final Logger LOG = Logger.getLogger(NotificationMailSender.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    /** After the stop's wait, how long interrupted sends get to roll back before the persistence unit closes. */
    private static final Duration ROLLBACK_WAIT = Duration.ofSeconds(2);

    private final NotificationRepository notifications;
    private final MemberRepository members;
    private final NotificationMails mails;
    private final ReactiveMailer mailer;
    private final MailRetryPolicy retry;
    private final Duration sendTimeout;
    private final int batchSize;
    private final int concurrency;
    private final Duration stopWait;
    private final ExecutorService workers;
    private final MailsInFlight inFlight = new MailsInFlight();
    private final Counter sent;
    private final Counter failures;
    /** Hands mails to the mailer with no transaction context, as the outbox relay does with Kafka. */
    private final ExecutorService handOver = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("notification-mail-send").factory());

    public NotificationMailSender(
            NotificationRepository notifications,
            MemberRepository members,
            NotificationMails mails,
            ReactiveMailer mailer,
            MeterRegistry registry,
            @ConfigProperty(name = "dcbeacon.mail.retry.initial-backoff", defaultValue = "PT30S")
                    Duration initialBackoff,
            @ConfigProperty(name = "dcbeacon.mail.retry.max-backoff", defaultValue = "PT1H") Duration maxBackoff,
            @ConfigProperty(name = "dcbeacon.mail.retry.max-attempts", defaultValue = "30") int maxAttempts,
            @ConfigProperty(name = "dcbeacon.mail.send-timeout", defaultValue = "PT30S") Duration sendTimeout,
            @ConfigProperty(name = "dcbeacon.mail.batch-size", defaultValue = "50") int batchSize,
            @ConfigProperty(name = "dcbeacon.mail.concurrency", defaultValue = "4") int concurrency,
            @ConfigProperty(name = "dcbeacon.mail.stop-wait", defaultValue = "PT5S") Duration stopWait) {
        this.notifications = notifications;
        this.members = members;
        this.mails = mails;
        this.mailer = mailer;
        this.retry = new MailRetryPolicy(initialBackoff, maxBackoff, maxAttempts);
        this.sendTimeout = sendTimeout;
        this.batchSize = batchSize;
        if (concurrency < 1) {
            throw new IllegalArgumentException("dcbeacon.mail.concurrency must be at least 1, was " + concurrency);
        }
        this.concurrency = concurrency;
        this.stopWait = stopWait;
        this.workers = Executors.newFixedThreadPool(
                concurrency,
                Thread.ofPlatform().daemon().name("notification-mail-", 1).factory());
        this.sent = registry.counter("dcbeacon.mail.sent");
        this.failures = registry.counter("dcbeacon.mail.failures");
        registry.gauge("dcbeacon.mail.in-flight", inFlight, MailsInFlight::count);
    }

    @Scheduled(
            every = "${dcbeacon.mail.poll-interval:5s}",
            delayed = "${dcbeacon.mail.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendScheduled() {
        sendDue();
    }

    /**
     * Sends the mails that are due, on {@code dcbeacon.mail.concurrency} workers at once, in rounds of one batch
     * ({@code dcbeacon.mail.batch-size}, shared by the workers): another round while the last one used its whole budget
     * and the service is not stopping. Returns how many notifications were attempted or settled. When it returns, no
     * mail it could take is left due, unless the service is stopping or a row's transaction failed (a lost connection to
     * the database), which ends the run; the next poll goes on. A mail that cannot be composed counts as a failed
     * attempt ({@link #composed}).
     */
    public int sendDue() {
        int handled = 0;
        while (!stopping()) {
            int round = sendRound();
            handled += round;
            if (round < batchSize || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return handled;
    }

    /** One round: up to one batch; answers how many notifications were attempted or settled. */
    private int sendRound() {
        AtomicInteger budget = new AtomicInteger(batchSize);
        List<Future<Integer>> runs = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            runs.add(workers.submit(() -> sendWhileBudget(budget)));
        }
        int handled = 0;
        for (Future<Integer> run : runs) {
            try {
                handled += run.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return handled;
            } catch (ExecutionException e) {
                LOG.warnf("Notification mail sender paused, will retry: %s", e.getCause());
            }
        }
        return handled;
    }

    /** One worker: sends due mails one at a time while the shared batch budget lasts and mail is due. */
    private int sendWhileBudget(AtomicInteger budget) {
        int handled = 0;
        try {
            while (!stopping() && budget.get() > 0 && sendNext(budget)) {
                handled++;
            }
        } catch (SendInterrupted e) {
            Thread.currentThread().interrupt(); // restored only now: the row's transaction has rolled back
            LOG.infof("Notification mail sender stopped during a send; the mail stays due for the next start");
        } catch (RuntimeException e) {
            if (stopping()) {
                LOG.debugf("Notification mail sender stopped with the service: %s", e.toString());
            } else {
                LOG.warnf("Notification mail sender paused, will retry: %s", e.toString());
            }
        }
        return handled;
    }

    /**
     * The stop. Quarkus fires {@link ShutdownEvent} before it closes the persistence unit (Hibernate's shutdown task
     * is registered before the one that fires the event, and such tasks run in reverse order) and before the mail
     * client is closed (its {@code @PreDestroy}), so a mail in flight can still be sent and recorded. From here on no
     * worker takes a row; the mails in flight get up to {@code dcbeacon.mail.stop-wait} to be answered and committed.
     * A send still waiting then is interrupted: its transaction rolls back, the row stays due with its attempt
     * uncounted, and the mail goes out after the restart (possibly a second time, if the SMTP server took it).
     */
    void onStop(@Observes ShutdownEvent event) {
        int sending = inFlight.count();
        try {
            int interrupted = inFlight.close(stopWait, ROLLBACK_WAIT);
            if (interrupted > 0) {
                LOG.warnf(
                        "Stopping: %d mail(s) still being sent after %s, interrupted; they stay due for the next start",
                        interrupted, stopWait);
            } else if (sending > 0) {
                LOG.infof("Stopping: the %d mail(s) being sent finished", sending);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        handOver.shutdownNow();
    }

    /** True once the service began to stop (the chassis's signal) or this sender was stopped. */
    private boolean stopping() {
        return inFlight.closed() || DeadLetterUnlessStopping.stopping();
    }

    /**
     * Sends the oldest due mail in its own transaction, out of the round's budget; false when none is due, the budget
     * is spent or the sender is stopping.
     */
    private boolean sendNext(AtomicInteger budget) {
        try {
            return QuarkusTransaction.requiringNew()
                    .timeout((int) sendTimeout.toSeconds() + 30)
                    .call(() -> sendOldestDue(budget));
        } finally {
            inFlight.leave(); // after the commit or rollback: a stop waits until the outcome is recorded
        }
    }

    private boolean sendOldestDue(AtomicInteger budget) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Notification> due = notifications.lockNextMailDue(now);
        // The budget counts rows taken, not looks for one: a worker that found none (the rest wait behind their
        // members' older mails) leaves it to the others, so a round ends short only when nothing more was due. A row
        // is counted in flight only once locked, so a stop waits for exactly the rows being sent; once the stop began,
        // a row found here is left as it was (its lock ends with this transaction).
        if (due.isEmpty() || budget.getAndDecrement() <= 0 || !inFlight.enter()) {
            return false;
        }
        Notification notification = due.get();
        if (notification.mailTo != null) {
            // The confirmation of an erasure: addressed on its own row, no member to look up.
            attempt(notification, () -> mails.composeErasureDone(notification), now);
            return true;
        }
        Optional<Member> member =
                notification.memberId == null ? Optional.empty() : members.findByIdOptional(notification.memberId);
        if (member.isEmpty()) {
            notification.mailNotSent(MailNotSentReason.MEMBER_ERASED, null);
        } else if (member.get().email == null || member.get().email.isBlank()) {
            notification.mailNotSent(MailNotSentReason.NO_EMAIL_ADDRESS, null);
        } else {
            attempt(notification, () -> mails.compose(notification, member.get()), now);
        }
        return true;
    }

    private void attempt(Notification notification, Supplier<Mail> compose, OffsetDateTime now) {
        notification.mailAttempts++;
        try {
            deliver(composed(notification, compose));
            notification.mailSent(OffsetDateTime.now(ZoneOffset.UTC));
            sent.increment();
        } catch (MailFailure e) {
            failures.increment();
            String error = e.getMessage().length() > MAX_ERROR_LENGTH
                    ? e.getMessage().substring(0, MAX_ERROR_LENGTH)
                    : e.getMessage();
            if (e.permanent) {
                notification.mailNotSent(MailNotSentReason.REJECTED, error);
                LOG.warnf("Mail of notification %s rejected: %s", notification.id, error);
            } else if (retry.givesUpAfter(notification.mailAttempts)) {
                notification.mailNotSent(MailNotSentReason.GAVE_UP, error);
                LOG.warnf(
                        "Mail of notification %s given up after %d attempts: %s",
                        notification.id, notification.mailAttempts, error);
            } else {
                Duration wait = retry.backoffAfter(notification.mailAttempts);
                notification.mailRetryAt(now.plus(wait), error);
                LOG.infof(
                        "Mail of notification %s not sent (attempt %d), trying again in %s: %s",
                        notification.id, notification.mailAttempts, wait, error);
            }
        }
    }

    /**
     * The notification's mail. One that cannot be composed (a defect in a template or in the row, not an answer of the
     * SMTP server) counts as a failed attempt, tried again with the backoff and given up after the retries like a
     * transient failure: left to roll back, it would come back at every poll for ever, end every run's rounds and,
     * since a member's mails go out in order, hold back every later mail of the member (a recall notice among them).
     */
    private static Mail composed(Notification notification, Supplier<Mail> compose) throws MailFailure {
        try {
            return compose.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Mail of notification %s could not be composed", notification.id);
            throw new MailFailure(false, "could not compose the mail: " + e);
        }
    }

    private void deliver(Mail mail) throws MailFailure {
        if (Thread.interrupted()) {
            // The stop's wait ran out before this mail was handed over: nothing reached the SMTP server, so rolling
            // back sends it once, after the restart.
            throw new SendInterrupted();
        }
        try {
            CompletableFuture<Void> accepted = handOver.submit(
                            () -> mailer.send(mail).subscribeAsCompletionStage())
                    .get();
            accepted.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // A stop whose wait ran out. Not a failure of the mail: nothing is recorded, the transaction rolls back.
            // The interrupt is restored after the rollback (SendInterrupted's catch), so that it cannot disturb it.
            throw new SendInterrupted();
        } catch (TimeoutException e) {
            throw new MailFailure(false, "no answer from the SMTP server within " + sendTimeout);
        } catch (ExecutionException e) {
            throw MailFailure.of(e.getCause() == null ? e : e.getCause());
        }
    }

    /** A send interrupted by the stop: rolls the row's transaction back, so neither the attempt nor an error counts. */
    static final class SendInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SendInterrupted() {
            super("send interrupted by the stop");
        }
    }

    /** Why a mail was not accepted; permanent when the SMTP server refused it for good. */
    static final class MailFailure extends Exception {
        private static final long serialVersionUID = 1L;

        final boolean permanent;

        MailFailure(boolean permanent, String message) {
            super(message);
            this.permanent = permanent;
        }

        static MailFailure of(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SMTPException smtp) {
                    return new MailFailure(refusedForGood(smtp), String.valueOf(failure));
                }
            }
            return new MailFailure(false, String.valueOf(failure));
        }

        /**
         * A permanent negative reply (RFC 5321, section 4.2.1: a 5yz code) that the server really sent: its first line
         * starts with that code. The mail client also reports 500 for a reply it could not read at all (a line cut or
         * out of step with the dialogue, e.g. {@code ".0.0.1 GreenMail SMTP Service ready"}), which says nothing about
         * the mail: that is a transient fault, tried again like a lost connection, never a reason to give the mail up.
         */
        private static boolean refusedForGood(SMTPException smtp) {
            if (!smtp.isPermanent()) {
                return false;
            }
            List<String> lines = smtp.getReplyMessages();
            String first = lines == null || lines.isEmpty() ? "" : lines.getFirst();
            return first.length() >= 4
                    && first.startsWith(Integer.toString(smtp.getReplyCode()))
                    && (first.charAt(3) == ' ' || first.charAt(3) == '-');
        }
    }
}
