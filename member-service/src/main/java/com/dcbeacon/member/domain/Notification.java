package com.dcbeacon.member.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Something the member must be told, e.g. an announced price change. Shown in the portal and sent as an e-mail: the
 * row, written in the business transaction, is the outbox of its mail (see {@code NotificationMailSender}).
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** What the member is told of. */
    public enum Kind {
        /** A plan's price changes ({@link PriceChangeNotices}). */
        PRICE_CHANGE,
        /** A box the member no longer wanted was withdrawn before it shipped ({@link BoxNotices}). */
        BOX_WITHDRAWN,
        /** A box the member no longer wanted shipped anyway and is not charged ({@link BoxNotices}). */
        BOX_ON_US,
        /** A pause with an end is about to end by itself ({@link PauseEnds}); once per pause. */
        PAUSE_ENDING,
        /** A product in a box the member received is recalled ({@link BoxNotices}); once per box and product. */
        RECALL,
        /** A credit was booked to the member's ledger ({@link Ledger}); once per credit. */
        CREDIT_GRANTED,
        /** What is in the member's next box and why, before it ships ({@link BoxPreviews}); once per box. */
        BOX_PREVIEW,
        /**
         * The next box as it is after box-service changed its contents (a recall, a review, an item no longer safe at
         * packing), before it ships ({@link BoxPreviews}); once per change.
         */
        BOX_CHANGED,
        /** A box shipped before its preview reached the member in time and is not charged ({@link BoxPreviews}). */
        BOX_NO_PREVIEW,
        /** The member cancelled: the confirmation, with the date and how to come back ({@link AccountNotices}). */
        SUBSCRIPTION_CANCELLED,
        /** The member's data export is complete: where to download it and until when ({@link AccountNotices}). */
        DATA_EXPORT_READY,
        /**
         * The member's data was erased everywhere ({@link DataErasures}): the one mail sent after an erasure, to the
         * address held on this row only ({@link #mailTo}), without member id; once per erasure.
         */
        ERASURE_DONE,
        /** feedback-service invited the member to the NPS survey ({@link AccountNotices}); once per invitation. */
        NPS_INVITATION,
        /** A gift's last cycle is near: it ends, never renews, and may be continued at the price shown ({@link GiftJobs}). */
        GIFT_ENDING
    }

    @Id
    public UUID id;

    /** Null only for the confirmation of an erasure: the member no longer exists. */
    @Column(name = "member_id")
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String message;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** What the notification is about (e.g. a box), so it is sent once; null for one-off notices. */
    @Column(name = "source_id")
    public UUID sourceId;

    /** The box a preview (BOX_PREVIEW, BOX_CHANGED) is about; null for every other kind. */
    @Column(name = "box_id")
    public UUID boxId;

    /** The revision of the box's contents a preview shows: 0 as curated, n after box-service's n-th change. */
    @Column(name = "box_revision")
    public Integer boxRevision;

    @Enumerated(EnumType.STRING)
    @Column(name = "mail_status", nullable = false)
    public MailStatus mailStatus = MailStatus.PENDING;

    /** Send attempts so far, failed or not. */
    @Column(name = "mail_attempts", nullable = false)
    public int mailAttempts;

    /** Not before this time is the mail tried again; null: at once. */
    @Column(name = "mail_next_attempt_at")
    public OffsetDateTime mailNextAttemptAt;

    @Column(name = "mail_last_error")
    public String mailLastError;

    @Column(name = "mail_sent_at")
    public OffsetDateTime mailSentAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "mail_not_sent_reason")
    public MailNotSentReason mailNotSentReason;

    /**
     * Where to send the mail when there is no member to look the address up on (the confirmation of an erasure); null
     * for every other notification. Wiped when the mail is settled, sent or not: it is held only as long as needed to
     * send this one mail.
     */
    @JsonIgnore
    @Column(name = "mail_to")
    public String mailTo;

    public static Notification of(UUID memberId, Kind kind, String message, OffsetDateTime at) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.memberId = memberId;
        n.kind = kind;
        n.message = message;
        n.createdAt = at;
        return n;
    }

    public void mailSent(OffsetDateTime at) {
        mailTo = null;
        mailStatus = MailStatus.SENT;
        mailSentAt = at;
        mailNextAttemptAt = null;
    }

    public void mailNotSent(MailNotSentReason reason, String error) {
        mailTo = null;
        mailStatus = MailStatus.NOT_SENT;
        mailNotSentReason = reason;
        mailLastError = error;
        mailNextAttemptAt = null;
    }

    public void mailRetryAt(OffsetDateTime next, String error) {
        mailNextAttemptAt = next;
        mailLastError = error;
    }
}
