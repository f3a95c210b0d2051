package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Something the member must be told, e.g. an announced price change; sent by the notification channel. */
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
        PAUSE_ENDING
    }

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
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

    public static Notification of(UUID memberId, Kind kind, String message, OffsetDateTime at) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.memberId = memberId;
        n.kind = kind;
        n.message = message;
        n.createdAt = at;
        return n;
    }
}
