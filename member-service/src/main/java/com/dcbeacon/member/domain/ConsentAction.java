package com.dcbeacon.member.domain;

/** The actions that change what a member is charged, each kept as a consent record ({@link ConsentRecord}). */
public enum ConsentAction {
    /** Sign-up to a paid plan. */
    SUBSCRIBE,
    /** A change to another plan. */
    PLAN_CHANGE,
    /** Staying subscribed past the effective date of an announced price change. */
    PRICE_CHANGE_ACCEPTED,
    /** A cancellation: what the member stops paying. */
    CANCEL,
    /** A reactivation after a cancel, at the quoted price. */
    REACTIVATE,
    /** A gift bought for someone else: N cycles paid at once by the buyer ({@link Gifts}); the record is the buyer's. */
    GIFT_PURCHASE
}
