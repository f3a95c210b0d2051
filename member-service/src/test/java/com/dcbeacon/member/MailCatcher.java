package com.dcbeacon.member;

import com.dcbeacon.platform.kafka.KafkaBroker;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) that every test's member-service sends its mail to. A test reads what arrived, or
 * stops and starts it to see the sender ride out an outage, through a field marked {@link Inject}.
 */
public class MailCatcher implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link GreenMail} field of a test class to receive the running catcher. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {}

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup(KafkaBroker.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of(
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                String.valueOf(greenMail.getSmtp().getPort()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                greenMail, new TestInjector.AnnotatedAndMatchesType(Inject.class, GreenMail.class));
    }

    /** The mails the catcher received for {@code email}, oldest first. */
    public static List<MimeMessage> mailsTo(GreenMail smtp, String email) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> isTo(m, email))
                .toList();
    }

    private static boolean isTo(MimeMessage message, String email) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                            .anyMatch(a -> a.toString().equalsIgnoreCase(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
