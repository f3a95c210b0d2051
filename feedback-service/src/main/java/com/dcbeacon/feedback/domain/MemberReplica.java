package com.dcbeacon.feedback.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A member as this service knows them: built from member-service's events, never from its tables. */
@Entity
@Table(name = "member_replica")
public class MemberReplica {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    /** ISO 3166-1 alpha-2; null until MemberRegistered is applied (another of the member's events came first). */
    @Column
    public String country;

    /** Null until MemberRegistered is applied. */
    @Column(name = "registered_at")
    public OffsetDateTime registeredAt;

    @Column(name = "replicated_at", nullable = false)
    public OffsetDateTime replicatedAt;

    /** From CommunicationPreferencesChanged: false once the member opted out of surveys. */
    @Column(nullable = false)
    public boolean surveys = true;

    /** The member's current plan, from subscription events; for NPS by plan. */
    @Column(name = "plan_id")
    public String planId;
}
