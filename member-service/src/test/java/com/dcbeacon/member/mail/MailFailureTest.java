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

    @Test
    void shouldRetryAMailWhoseReplyCouldNotBeRead() {
        // What the mail client reports for a greeting it read cut in two: code 500, no code in the reply itself.
        SMTPException unreadable = new SMTPException(
                "got error response", 500, List.of(".0.0.1 GreenMail SMTP Service v2.1.13 ready"), false);
        SMTPException refused = new SMTPException("EHLO", 500, List.of("500 syntax error"), false);

        assertThat(unreadable.isPermanent()).as("the client's own view").isTrue();
        assertThat(NotificationMailSender.MailFailure.of(unreadable).permanent).isFalse();
        assertThat(NotificationMailSender.MailFailure.of(refused).permanent)
                .as("a real 500 still refuses for good")
                .isTrue();
    }
}
