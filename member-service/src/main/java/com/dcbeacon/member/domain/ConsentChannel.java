package com.dcbeacon.member.domain;

/** Through which channel a consent was given. */
public enum ConsentChannel {
    /** The REST API called directly. */
    API,
    /** The web portal (it says so with the {@code Dcbeacon-Channel: WEB} header). */
    WEB,
    /** An ops user acting for the member. */
    OPS,
    /**
     * The price change notice (portal notification and e-mail): the member accepted by staying past its effective
     * date.
     */
    NOTICE,
    /**
     * Not given through any channel that was recorded: a sign-up record rebuilt by migration V8_1 for a subscription
     * that started before records of consent were kept, from what the database knew of it (terms version {@code
     * reconstructed}).
     */
    RECONSTRUCTED;

    /** Who gave a consent and through which channel; {@code actorId} null when no user acted (a notice). */
    public record Origin(ConsentChannel channel, String actorId) {}
}
