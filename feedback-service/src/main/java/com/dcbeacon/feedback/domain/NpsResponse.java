package com.dcbeacon.feedback.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An answer to "how likely are you to recommend Dcbeacon?"; stays as an anonymous score after erasure. */
@Entity
@Table(name = "nps_response")
public class NpsResponse {

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(nullable = false)
    public int score;

    public String comment;

    @Column(name = "plan_id")
    public String planId;

    @Column(name = "answered_at", nullable = false)
    public OffsetDateTime answeredAt;
}
