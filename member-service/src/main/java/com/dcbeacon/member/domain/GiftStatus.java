package com.dcbeacon.member.domain;

/** Where a gift stands: waiting for its recipient, claimed, or past its claim expiry (refunded to the buyer, or not). */
public enum GiftStatus {
    UNCLAIMED,
    CLAIMED,
    /** Not claimed before it expired: the buyer got the price back as a credit. */
    REFUNDED,
    /** Not claimed before it expired, and its buyer was erased: nobody to refund. */
    EXPIRED
}
