package com.dcbeacon.member.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.MailCatcher;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sender driven by the test alone: its scheduled runs are an hour away and its batch is small. One run sends more
 * than a batch; a mail that cannot be composed holds nothing back; a stop lets the mails in flight finish, takes no further row, and rolls back a send that outlasts its
 * wait. The stop ends this application's sender, so it is the last test here.
 */
@QuarkusTest
@TestProfile(NotificationMailSenderTest.DrivenByTheTest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationMailSenderTest {

    public static class DrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dcbeacon.mail.poll-interval", "1h",
                    "dcbeacon.mail.start-delay", "1h",
                    "dcbeacon.mail.batch-size", "4",
                    "dcbeacon.mail.stop-wait", "PT5S",
                    // The held replies must outlast the stop's wait, not run into the send timeout on a busy machine.
                    "dcbeacon.mail.send-timeout", "PT60S");
        }
    }

    @MailCatcher.Inject
    GreenMail smtp;

    @Inject
    NotificationMailSender sender;

    @Inject
    NotificationRepository notifications;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "dcbeacon.mail.batch-size")
    int batchSize;

    /**
     * Three batches' worth of mail, due at once, all go out from one run. Before, a run stopped after one batch, and
     * the rest waited for the next poll (at most 50 mails per 5 s).
     */
    @Test
    @Order(1)
    void shouldSendMoreThanOneBatchInOneRun() throws Exception {
        List<String> emails = new ArrayList<>();
        List<UUID> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            emails.add("rounds-" + m + "-" + UUID.randomUUID() + "@example.com");
            members.add(Members.signUp(emails.getLast()));
        }
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> written = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                for (int i = 0; i < batchSize; i++) {
                    ids.add(notice(
                            members.get(m), "Notice " + i + " of member " + m + ".", first.plusNanos(1_000L * i)));
                }
            }
            return ids;
        });

        assertThat(sender.sendDue()).isGreaterThanOrEqualTo(written.size());

        assertThat(written).allSatisfy(id -> {
            Notification n = notification(id);
            assertThat(n.mailStatus).as("mail of %s", n.message).isEqualTo(MailStatus.SENT);
            assertThat(n.mailAttempts).isEqualTo(1);
        });
        for (int m = 0; m < members.size(); m++) {
            List<String> bodies = MailCatcher.mailsTo(smtp, emails.get(m)).stream()
                    .map(GreenMailUtil::getBody)
                    .toList();
            assertThat(bodies).hasSize(batchSize);
            for (int i = 0; i < batchSize; i++) {
                assertThat(bodies.get(i)).contains("Notice " + i + " of member " + m + ".");
            }
        }
    }

    /**
     * A notification whose mail cannot be composed (here an erasure's confirmation on a member's row: only an erasure's
     * own row, with its address, can be written) counts as a failed attempt and waits for its retry, and the member's
     * next mail goes out in the same run. Before, its transaction rolled back: it stayed due with no attempt counted,
     * came back at every poll, and held every later mail of the member back, since a member's mails go out in order.
     */
    @Test
    @Order(2)
    void shouldNotLetAMailThatCannotBeComposedHoldBackTheMembersLaterMails() {
        sender.sendDue(); // anything earlier tests left due goes now
        String email = "uncomposable-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.signUp(email);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID broken = QuarkusTransaction.requiringNew().call(() -> {
            Notification n = Notification.of(member, Notification.Kind.ERASURE_DONE, "Cannot be composed.", now);
            notifications.persist(n);
            return n.id;
        });
        UUID next =
                QuarkusTransaction.requiringNew().call(() -> notice(member, "The next notice.", now.plusNanos(1_000)));

        sender.sendDue();

        Notification failed = notification(broken);
        assertThat(failed.mailStatus).isEqualTo(MailStatus.PENDING);
        assertThat(failed.mailAttempts).isEqualTo(1);
        assertThat(failed.mailLastError).startsWith("could not compose the mail");
        assertThat(failed.mailNextAttemptAt).isAfter(now);
        assertThat(notification(next).mailStatus).isEqualTo(MailStatus.SENT);
        assertThat(MailCatcher.mailsTo(smtp, email).stream().map(GreenMailUtil::getBody))
                .filteredOn(body -> body.contains("The next notice."))
                .hasSize(1);
        // Due again after its backoff: gone before the next test counts what a run sends.
        QuarkusTransaction.requiringNew().run(() -> notifications.deleteById(broken));
    }

    /**
     * A stop waits for the mails in flight. One is answered while the stop waits: it is recorded as sent, once, and
     * the member's next mail, due as soon as that one is recorded, is not taken. Another is still unanswered when the
     * wait ends: its send is interrupted and rolled back, so it stays due with no attempt and no error counted. Before,
     * the stop neither waited nor kept workers from taking rows, and an interrupted send was recorded as a failure.
     */
    @Test
    @Order(3)
    void shouldLetTheMailsInFlightFinishWhenStoppingAndTakeNoFurtherRow() throws Exception {
        sender.sendDue(); // anything earlier tests left due goes now: the mails in flight below are only these
        String answeredEmail = "stop-answered-" + UUID.randomUUID() + "@example.com";
        String unansweredEmail = "stop-unanswered-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.signUp(answeredEmail);
        UUID other = Members.signUp(unansweredEmail);
        HeldReplies held = HeldReplies.install(smtp, answeredEmail, unansweredEmail);
        try {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            UUID answered = QuarkusTransaction.requiringNew().call(() -> notice(member, "Sent while stopping.", now));
            // The same member's next mail: taken only once the one before is recorded, so after the stop began.
            UUID next = QuarkusTransaction.requiringNew()
                    .call(() -> notice(member, "Sent after the restart.", now.plusNanos(1_000)));
            Executor ownThread = task -> Thread.ofPlatform().daemon().start(task);
            CompletableFuture<Integer> firstRun = CompletableFuture.supplyAsync(sender::sendDue, ownThread);
            held.awaitArrival(answeredEmail);
            // Sent only once the first has its SMTP server's reply: GreenMail takes one mail at a time.
            UUID unanswered = QuarkusTransaction.requiringNew()
                    .call(() -> notice(other, "Unanswered when the stop's wait ends.", now));
            CompletableFuture<Integer> secondRun = CompletableFuture.supplyAsync(sender::sendDue, ownThread);
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsInFlight() == 2);

            Thread stop = Thread.ofPlatform().name("test-stop").start(() -> sender.onStop(new ShutdownEvent()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stop.getState() == Thread.State.TIMED_WAITING || !stop.isAlive());
            assertThat(stop.isAlive())
                    .as("the stop waits for the mails in flight")
                    .isTrue();
            held.release(answeredEmail);
            assertThat(stop.join(Duration.ofSeconds(30))).as("the stop ends").isTrue();
            int firstHandled = firstRun.get(30, TimeUnit.SECONDS);
            int secondHandled = secondRun.get(30, TimeUnit.SECONDS);

            Notification sent = notification(answered);
            assertThat(sent.mailStatus).isEqualTo(MailStatus.SENT);
            assertThat(sent.mailAttempts).isEqualTo(1);
            assertThat(MailCatcher.mailsTo(smtp, answeredEmail))
                    .singleElement()
                    .satisfies(mail -> assertThat(GreenMailUtil.getBody(mail)).contains("Sent while stopping."));
            Notification notTaken = notification(next);
            assertThat(notTaken.mailStatus).as("no row is taken after the stop").isEqualTo(MailStatus.PENDING);
            assertThat(notTaken.mailAttempts).isZero();
            Notification rolledBack = notification(unanswered);
            assertThat(rolledBack.mailStatus).isEqualTo(MailStatus.PENDING);
            assertThat(rolledBack.mailAttempts)
                    .as("an interrupted send is no attempt")
                    .isZero();
            assertThat(rolledBack.mailLastError).isNull();
            assertThat(firstHandled).as("the first run: the answered mail").isEqualTo(1);
            assertThat(secondHandled)
                    .as("the second run: nothing (its send was rolled back)")
                    .isZero();

            assertThat(sender.sendDue()).as("a run after the stop").isZero();
            assertThat(notification(next).mailStatus).isEqualTo(MailStatus.PENDING);
        } finally {
            held.releaseAll();
        }
    }

    private double mailsInFlight() {
        return registry.get("dcbeacon.mail.in-flight").gauge().value();
    }

    private UUID notice(UUID member, String message, OffsetDateTime at) {
        Notification n = Notification.of(member, Notification.Kind.BOX_ON_US, message, at);
        notifications.persist(n);
        return n.id;
    }

    private Notification notification(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.findById(id));
    }

    /**
     * Holds GreenMail's reply to the mails for some addresses until released: the sender's mail is in flight meanwhile.
     * GreenMail delivers one mail at a time, so a held mail holds back every mail behind it.
     */
    private static final class HeldReplies implements MessageDeliveryHandler {

        private final UserManager users;
        private final MessageDeliveryHandler delivery;
        private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

        private HeldReplies(UserManager users, List<String> emails) {
            this.users = users;
            this.delivery = users.getMessageDeliveryHandler();
            for (String email : emails) {
                arrivals.put(email, new CountDownLatch(1));
                releases.put(email, new CountDownLatch(1));
            }
        }

        static HeldReplies install(GreenMail smtp, String... emails) {
            HeldReplies held = new HeldReplies(smtp.getUserManager(), List.of(emails));
            held.users.setMessageDeliveryHandler(held);
            return held;
        }

        @Override
        public GreenMailUser handle(MovingMessage message, MailAddress to) throws MessagingException, UserException {
            CountDownLatch release = releases.get(to.getEmail());
            if (release != null) {
                arrivals.get(to.getEmail()).countDown();
                try {
                    // Bounded, so that a failed test cannot leave the SMTP server stuck for the tests after it.
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delivery.handle(message, to);
        }

        void awaitArrival(String email) throws InterruptedException {
            assertThat(arrivals.get(email).await(30, TimeUnit.SECONDS))
                    .as("a mail to %s reached the SMTP server", email)
                    .isTrue();
        }

        void release(String email) {
            releases.get(email).countDown();
        }

        /** Replies to every held mail and delivers as before. */
        void releaseAll() {
            users.setMessageDeliveryHandler(delivery);
            releases.values().forEach(CountDownLatch::countDown);
        }
    }
}
