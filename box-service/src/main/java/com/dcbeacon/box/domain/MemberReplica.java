package com.dcbeacon.box.domain;

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

    @Column(nullable = false)
    public String country;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "replicated_at", nullable = false)
    public OffsetDateTime replicatedAt;
}
