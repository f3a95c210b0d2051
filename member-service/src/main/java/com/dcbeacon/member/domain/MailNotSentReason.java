package com.dcbeacon.member.domain;

/** Why a notification's e-mail was not sent. */
public enum MailNotSentReason {
    /** The member has no e-mail address to send to. */
    NO_EMAIL_ADDRESS,
    /** The member was erased: nobody to write to. */
    MEMBER_ERASED,
    /** The SMTP server refused the mail for good (a 5xx reply, e.g. an unknown mailbox). */
    REJECTED,
    /** Every attempt failed transiently, up to the configured number of attempts. */
    GAVE_UP,
    /** A box preview still waiting for its mail when the box shipped or was withdrawn: it would tell of a past. */
    BOX_NO_LONGER_OPEN,
    /** A box preview still waiting for its mail when the box's contents changed again: a newer preview replaces it. */
    SUPERSEDED,
    /** The notification was created before member-service sent e-mail; the member saw it in the portal. */
    CREATED_BEFORE_MAIL
}
