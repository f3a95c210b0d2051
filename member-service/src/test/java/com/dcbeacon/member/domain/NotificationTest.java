package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The address an erasure's confirmation is held for goes with the mail's outcome, whatever it is. */
class NotificationTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 9, 30, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldForgetTheAddressOnceTheMailIsSent() {
        Notification n = held();
        n.mailRetryAt(NOW.plusMinutes(1), "421 try later");
        assertThat(n.mailTo).isEqualTo("gone@example.com");
        n.mailSent(NOW);
        assertThat(n.mailTo).isNull();
        assertThat(n.mailStatus).isEqualTo(MailStatus.SENT);
    }

    @Test
    void shouldForgetTheAddressWhenTheMailIsGivenUpOrRejected() {
        for (MailNotSentReason reason :
                new MailNotSentReason[] {MailNotSentReason.GAVE_UP, MailNotSentReason.REJECTED}) {
            Notification n = held();
            n.mailNotSent(reason, "550 no such mailbox");
            assertThat(n.mailTo).isNull();
            assertThat(n.mailNotSentReason).isEqualTo(reason);
        }
    }

    private static Notification held() {
        Notification n = Notification.of(null, Notification.Kind.ERASURE_DONE, "erased", NOW);
        n.mailTo = "gone@example.com";
        n.mailStatus = MailStatus.PENDING;
        return n;
    }
}
