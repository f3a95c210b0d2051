package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.AccountErasureRepository;
import com.dcbeacon.member.persistence.AccountLinkRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes the links of sign-ups to the identity provider: each account that signed up a member gets that member's id
 * ({@link AccountDirectory#linkMember}), at least once. A link is recorded with its member in the sign-up's
 * transaction, so a provider that is down only delays it: a failed push is tried again after a wait that doubles
 * (from {@code dcbeacon.account-links.retry.initial-backoff} up to {@code max-backoff}), without end. Pushing twice is
 * harmless (the directory's link is idempotent). Any number of instances may run this: each locks the link it pushes
 * ({@code for update skip locked}). Likewise it deletes the accounts of erased members ({@link #eraseLater}), so an
 * erasure is final at the provider too.
 */
@ApplicationScoped
public class AccountLinks {

    private static final Logger LOG = Logger.getLogger(AccountLinks.class);
    private static final int BATCH = 100;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(1);

    private final AccountLinkRepository links;
    private final AccountErasureRepository erasures;
    private final AccountDirectory directory;
    private final Clock clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public AccountLinks(
            AccountLinkRepository links,
            AccountErasureRepository erasures,
            AccountDirectory directory,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.account-links.retry.initial-backoff", defaultValue = "PT2S")
                    Duration initialBackoff,
            @ConfigProperty(name = "dcbeacon.account-links.retry.max-backoff", defaultValue = "PT5M")
                    Duration maxBackoff) {
        this.links = links;
        this.erasures = erasures;
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
            eraseDue();
        } catch (RuntimeException e) {
            LOG.warnf("Pushing account links failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * Pushes the links due now, one transaction each; answers how many the provider took. A link that fails is due
     * again only after this pass (its next attempt is later than the pass's start), so one pass tries each link once.
     */
    public int pushDue() {
        return drain(this::pushNextDue);
    }

    /** Runs {@code next} (one due row, in its own transaction) until nothing is due or a batch is done; counts taken. */
    private int drain(Function<OffsetDateTime, Optional<Boolean>> next) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int taken = 0;
        for (int i = 0; i < BATCH; i++) {
            Optional<Boolean> done = QuarkusTransaction.requiringNew().call(() -> next.apply(now));
            if (done.isEmpty()) {
                break;
            }
            taken += done.get() ? 1 : 0;
        }
        return taken;
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

    /**
     * Deletes at the provider the accounts of members erased here, one transaction each; answers how many erasures the
     * provider took. A taken erasure's row is deleted with it; a failed one is tried again after its wait.
     */
    public int eraseDue() {
        return drain(this::eraseNextDue);
    }

    private Optional<Boolean> eraseNextDue(OffsetDateTime now) {
        Optional<AccountErasure> next = erasures.lockNextDue(now);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        AccountErasure erasure = next.get();
        try {
            directory.eraseAccounts(erasure.accountSubject, erasure.memberId);
            erasures.delete(erasure);
            return Optional.of(true);
        } catch (RuntimeException e) {
            erasure.failed(String.valueOf(e), now.plus(backoff(erasure.attempts + 1)));
            LOG.warnf(
                    "Erasing the accounts of an erased member failed (attempt %d), next at %s: %s",
                    erasure.attempts, erasure.nextAttemptAt, e);
            return Optional.of(false);
        }
    }

    /**
     * Records, in the caller's transaction (the member's erasure), that the member's accounts at the provider are to
     * be deleted; {@code accountSubject}: the account that signed the member up, null when none did.
     */
    public void eraseLater(UUID memberId, String accountSubject) {
        // Once per member: an erasure runs only while the member exists, and deletes it.
        erasures.persist(new AccountErasure(memberId, accountSubject, OffsetDateTime.now(clock)));
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
