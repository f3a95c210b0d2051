package com.dcbeacon.feedback.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A case for ops, opened by every detractor answer; due within two days. */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    public static final Duration DUE_WITHIN = Duration.ofDays(2);

    @Id
    public UUID id;

    @Column(name = "response_id", nullable = false)
    public UUID responseId;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(nullable = false)
    public int score;

    public String comment;

    @Column(name = "plan_id")
    public String planId;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FollowUpStatus status;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    public String note;

    /** The ops user who closed it: the identity provider's user id (the token's subject); null while open. */
    @Column(name = "closed_by")
    public String closedBy;

    @Version
    public long version;

    protected FollowUp() {}

    /** The case a detractor's answer opens: OPEN from the moment they answered, due within {@link #DUE_WITHIN}. */
    public static FollowUp open(NpsResponse detractorAnswer) {
        FollowUp followUp = new FollowUp();
        followUp.id = UUID.randomUUID();
        followUp.responseId = detractorAnswer.id;
        followUp.memberId = detractorAnswer.memberId;
        followUp.score = detractorAnswer.score;
        followUp.comment = detractorAnswer.comment;
        followUp.planId = detractorAnswer.planId;
        followUp.openedAt = detractorAnswer.answeredAt;
        followUp.dueAt = detractorAnswer.answeredAt.plus(DUE_WITHIN);
        followUp.status = FollowUpStatus.OPEN;
        return followUp;
    }

    /** Closed now by {@code closedBy} with their note. The caller checked it is OPEN. */
    public void close(String note, String closedBy, OffsetDateTime now) {
        status = FollowUpStatus.CLOSED;
        closedAt = now;
        this.closedBy = closedBy;
        this.note = note.trim();
    }

    public boolean isOverdue(OffsetDateTime now) {
        return status == FollowUpStatus.OPEN && now.isAfter(dueAt);
    }
}
