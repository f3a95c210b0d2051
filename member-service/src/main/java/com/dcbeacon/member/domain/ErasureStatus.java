package com.dcbeacon.member.domain;

/** Where an erasure stands, as a whole and per service: stored by name in {@code erasure_request.services}. */
public enum ErasureStatus {
    PENDING,
    DONE
}
