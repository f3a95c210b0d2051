package com.dcbeacon.member.domain;

public enum SubscriptionStatus {
    ACTIVE,
    PAUSED,
    CANCELLED
}
