package com.dcbeacon.member.mail;

import com.dcbeacon.member.domain.Member;
import com.dcbeacon.member.domain.Notification;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The e-mail of a notification: one plain-text template per {@link Notification.Kind} (in
 * {@code templates/NotificationMails/}), each saying what happened, why the member gets it and where to manage it.
 */
@ApplicationScoped
public class NotificationMails {

    /** Where the portal shows the member's subscription. */
    static final String SUBSCRIPTION_PATH = "/account/subscription";
    /** Where the member chooses which e-mails they get. */
    static final String SETTINGS_PATH = "/account/settings/communication";

    /** Where a member who cancelled reactivates, on the same plan, in one click. */
    static final String REACTIVATION_PATH = "/account/subscription/reactivation";

    /** The portal's page of one data export, where the member downloads it; followed by the export id. */
    static final String EXPORT_PATH = "/account/data/exports/";

    /** The portal's page on privacy: what an erasure keeps, and why. Needs no account. */
    static final String PRIVACY_PATH = "/privacy";

    /** The portal's page of the NPS survey: one question, answered in the portal. */
    static final String SURVEY_PATH = "/account/survey";

    /** The portal's page of the member's charges and credits. */
    static final String LEDGER_PATH = "/account/ledger";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance priceChange(
                String name, String message, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance boxWithdrawn(
                String name, String message, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance boxOnUs(String name, String message, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance pauseEnding(
                String name, String message, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance giftEnding(
                String name, String message, String reactivationUrl, String settingsUrl);

        static native TemplateInstance recall(String name, String message, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance creditGranted(String name, String message, String ledgerUrl, String settingsUrl);

        static native TemplateInstance boxPreview(
                String name, String message, String changeUntil, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance boxChanged(
                String name, String message, String changeUntil, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance boxNoPreview(
                String name, String message, String subscriptionUrl, String settingsUrl);

        static native TemplateInstance subscriptionCancelled(
                String name, String message, String reactivationUrl, String settingsUrl);

        static native TemplateInstance npsInvitation(String name, String message, String surveyUrl, String settingsUrl);

        static native TemplateInstance erasureDone(String message, String privacyUrl);

        static native TemplateInstance dataExportReady(
                String name, String message, String downloadUrl, String settingsUrl);
    }

    /** How the last moment to change a previewed box is written: to the minute, in UTC, so nobody reads it in theirs. */
    static final DateTimeFormatter CHANGE_UNTIL =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private final String portalUrl;
    private final Duration previewLead;

    public NotificationMails(
            @ConfigProperty(name = "dcbeacon.portal.base-url") String portalUrl,
            @ConfigProperty(name = "dcbeacon.box-preview.lead", defaultValue = "P5D") Duration previewLead) {
        this.previewLead = previewLead;
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }

    public Mail compose(Notification notification, Member member) {
        String subscription = portalUrl + SUBSCRIPTION_PATH;
        String settings = portalUrl + SETTINGS_PATH;
        Content content = switch (notification.kind) {
            case PRICE_CHANGE ->
                new Content(
                        "The price of your Dcbeacon plan is changing",
                        Templates.priceChange(member.name, notification.message, subscription, settings));
            case BOX_WITHDRAWN ->
                new Content(
                        "Your Dcbeacon box was withdrawn",
                        Templates.boxWithdrawn(member.name, notification.message, subscription, settings));
            case BOX_ON_US ->
                new Content(
                        "Your Dcbeacon box is on us",
                        Templates.boxOnUs(member.name, notification.message, subscription, settings));
            case PAUSE_ENDING ->
                new Content(
                        "Your Dcbeacon boxes start again soon",
                        Templates.pauseEnding(member.name, notification.message, subscription, settings));
            case GIFT_ENDING ->
                new Content(
                        "Your Dcbeacon gift ends soon",
                        Templates.giftEnding(
                                member.name, notification.message, portalUrl + REACTIVATION_PATH, settings));
            case RECALL ->
                new Content(
                        "Recall: do not eat a product from your Dcbeacon box",
                        Templates.recall(member.name, notification.message, subscription, settings));
            case CREDIT_GRANTED ->
                new Content(
                        "A credit on your Dcbeacon account",
                        Templates.creditGranted(member.name, notification.message, portalUrl + LEDGER_PATH, settings));
            case BOX_PREVIEW ->
                new Content(
                        "Your next Dcbeacon box: what is in it and why",
                        Templates.boxPreview(member.name, notification.message, changeUntil(), subscription, settings));
            case BOX_CHANGED ->
                new Content(
                        "Your next Dcbeacon box changed: what is in it now and why",
                        Templates.boxChanged(member.name, notification.message, changeUntil(), subscription, settings));
            case BOX_NO_PREVIEW ->
                new Content(
                        "Your Dcbeacon box is on us",
                        Templates.boxNoPreview(member.name, notification.message, subscription, settings));
            case SUBSCRIPTION_CANCELLED ->
                new Content(
                        "Your Dcbeacon subscription is cancelled",
                        Templates.subscriptionCancelled(
                                member.name, notification.message, portalUrl + REACTIVATION_PATH, settings));
            case NPS_INVITATION ->
                new Content(
                        "One question about Dcbeacon",
                        Templates.npsInvitation(member.name, notification.message, portalUrl + SURVEY_PATH, settings));
            case ERASURE_DONE ->
                throw new IllegalArgumentException("an erasure's confirmation has no member: composeErasureDone");
            case DATA_EXPORT_READY ->
                new Content(
                        "Your Dcbeacon data is ready to download",
                        Templates.dataExportReady(
                                member.name,
                                notification.message,
                                portalUrl + EXPORT_PATH + notification.sourceId,
                                settings));
        };
        return mail(member.email, content, notification);
    }

    /**
     * The confirmation of an erasure, to the address held on the notification only: no greeting, no name, nothing of
     * the member but the address it goes to.
     */
    public Mail composeErasureDone(Notification notification) {
        if (notification.kind != Notification.Kind.ERASURE_DONE || notification.mailTo == null) {
            throw new IllegalArgumentException("not an erasure's confirmation with its address: " + notification.id);
        }
        return mail(
                notification.mailTo,
                new Content(
                        "Your Dcbeacon data is erased",
                        Templates.erasureDone(notification.message, portalUrl + PRIVACY_PATH)),
                notification);
    }

    private static Mail mail(String to, Content content, Notification notification) {
        return Mail.withText(to, content.subject(), content.body().render())
                .addHeader("Message-ID", messageId(notification.id))
                // A notice, not a conversation: auto-responders should not answer it (RFC 3834)
                .addHeader("Auto-Submitted", "auto-generated");
    }

    /**
     * Until when a member reading a preview mailed now can still change the box: a box is charged only if it ships at
     * least the preview lead after its preview was sent, so a change before then always counts.
     */
    private String changeUntil() {
        return CHANGE_UNTIL.format(OffsetDateTime.now(ZoneOffset.UTC).plus(previewLead));
    }

    private record Content(String subject, TemplateInstance body) {}

    /** The same for every attempt at one notification, so a mail sent twice is recognisable as one. */
    public static String messageId(UUID notificationId) {
        return "<notification-" + notificationId + "@dcbeacon>";
    }
}
