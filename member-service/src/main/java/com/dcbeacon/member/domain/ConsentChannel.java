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
    NOTICE;

    /** Who gave a consent and through which channel; {@code actorId} null when no user acted (a notice). */
    public record Origin(ConsentChannel channel, String actorId) {}
}
