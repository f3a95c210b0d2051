package com.dcbeacon.member.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailRetryPolicyTest {

    private final MailRetryPolicy policy = new MailRetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), 4);

    @Test
    void shouldDoubleTheBackoffAfterEveryFailedAttemptUpToTheMaximum() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldGiveUpOnlyAfterTheLastAllowedAttempt() {
        assertThat(policy.givesUpAfter(3)).isFalse();
        assertThat(policy.givesUpAfter(4)).isTrue();
    }

    @Test
    void shouldRefuseABackoffThatCannotGrowOrNoAttemptAtAll() {
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
