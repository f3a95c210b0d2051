package com.dcbeacon.member.domain;

/** What a notification tells the member; each kind has its own e-mail template. */
public enum NotificationKind {
    /** The price of the member's plan changes; sent to every subscriber before it takes effect. */
    PRICE_CHANGE,
    /** A box the member no longer wanted was withdrawn before it shipped. */
    BOX_WITHDRAWN,
    /** A box shipped before the member's change reached the warehouse: it is not charged. */
    BOX_ON_US
}
