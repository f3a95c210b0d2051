package com.dcbeacon.member.domain;

/** Where a notification's e-mail stands. The notification row is the outbox of its mail. */
public enum MailStatus {
    /**
     * Not to be sent yet: it tells of something still under way (an erasure every service has yet to confirm). Made
     * {@link #PENDING} when that is done; the sender never picks it.
     */
    WAITING,
    /** Not sent yet: the mail sender picks it up at its next attempt time. */
    PENDING,
    /** Handed to the SMTP server, which accepted it. */
    SENT,
    /** Never sent; {@link MailNotSentReason} says why. */
    NOT_SENT
}
