package com.dcbeacon.member.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MailFailureTest {

    @Test
    void shouldGiveUpOnAMailTheServerRefusedForGood() {
        SMTPException unknownMailbox = new SMTPException("RCPT TO", 550, List.of("550 no such user"), false);

        assertThat(NotificationMailSender.MailFailure.of(new CompletionException(unknownMailbox)).permanent)
                .isTrue();
    }

    @Test
    void shouldRetryAMailTheServerCouldNotTakeNow() {
        SMTPException busy = new SMTPException("MAIL FROM", 451, List.of("451 try again later"), false);

        assertThat(NotificationMailSender.MailFailure.of(busy).permanent).isFalse();
        assertThat(NotificationMailSender.MailFailure.of(new ConnectException("Connection refused")).permanent)
                .isFalse();
    }
}
