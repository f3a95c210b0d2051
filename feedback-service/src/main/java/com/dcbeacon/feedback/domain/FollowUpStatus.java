package com.dcbeacon.feedback.domain;

/** Where a follow-up stands; stored and shown by name. */
public enum FollowUpStatus {
    OPEN,
    CLOSED
}
