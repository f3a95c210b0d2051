package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.AccountLinkRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes the links of sign-ups to the identity provider: each account that signed up a member gets that member's id
 * ({@link AccountDirectory#linkMember}), at least once. A link is recorded with its member in the sign-up's
 * transaction, so a provider that is down only delays it: a failed push is tried again after a wait that doubles
 * (from {@code dcbeacon.account-links.retry.initial-backoff} up to {@code max-backoff}), without end. Pushing twice is
 * harmless (the directory's link is idempotent). Any number of instances may run this: each locks the link it pushes
 * ({@code for update skip locked}).
 */
@ApplicationScoped
public class AccountLinks {

    private static final Logger LOG = Logger.getLogger(AccountLinks.class);
    private static final int BATCH = 100;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(1);

    private final AccountLinkRepository links;
    private final AccountDirectory directory;
    private final Clock clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public AccountLinks(
            AccountLinkRepository links,
            AccountDirectory directory,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.account-links.retry.initial-backoff", defaultValue = "PT2S")
                    Duration initialBackoff,
            @ConfigProperty(name = "dcbeacon.account-links.retry.max-backoff", defaultValue = "PT5M")
                    Duration maxBackoff) {
        this.links = links;
        this.directory = directory;
        this.clock = clock;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Scheduled(
            every = "${dcbeacon.account-links.push-every:2s}",
            delayed = "${dcbeacon.account-links.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void push() {
        try {
            pushDue();
        } catch (RuntimeException e) {
            LOG.warnf("Pushing account links failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * Pushes the links due now, one transaction each; answers how many the provider took. A link that fails is due
     * again only after this pass (its next attempt is later than the pass's start), so one pass tries each link once.
     */
    public int pushDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int linked = 0;
        for (int i = 0; i < BATCH; i++) {
            Optional<Boolean> pushed = QuarkusTransaction.requiringNew().call(() -> pushNextDue(now));
            if (pushed.isEmpty()) {
                break;
            }
            linked += pushed.get() ? 1 : 0;
        }
        return linked;
    }

    private Optional<Boolean> pushNextDue(OffsetDateTime now) {
        Optional<AccountLink> next = links.lockNextDue(now);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        AccountLink link = next.get();
        try {
            directory.linkMember(link.accountSubject, link.memberId);
            link.linked(now);
            return Optional.of(true);
        } catch (RuntimeException e) {
            link.failed(String.valueOf(e), now.plus(backoff(link.attempts + 1)));
            LOG.warnf(
                    "Linking member %s to its account failed (attempt %d), next at %s: %s",
                    link.memberId, link.attempts, link.nextAttemptAt, e);
            return Optional.of(false);
        }
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the initial wait, capped. */
    Duration backoff(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        Duration capped = wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        return capped.compareTo(MIN_BACKOFF) < 0 ? MIN_BACKOFF : capped;
    }
}
