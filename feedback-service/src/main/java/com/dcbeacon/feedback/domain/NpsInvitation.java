package com.dcbeacon.feedback.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An invitation to answer the NPS survey, after a delivered box; counts toward the 90-day cap. */
@Entity
@Table(name = "nps_invitation")
public class NpsInvitation {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    /** The delivered box that prompted it. */
    @Column(name = "box_id", nullable = false)
    public UUID boxId;

    @Column(name = "invited_at", nullable = false)
    public OffsetDateTime invitedAt;
}
