package com.dcbeacon.feedback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FollowUpTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldOpenFromTheDetractorsAnswerDueInTwoDays() {
        NpsResponse answer = new NpsResponse();
        answer.id = UUID.randomUUID();
        answer.memberId = UUID.randomUUID();
        answer.score = 3;
        answer.comment = "arrived late";
        answer.planId = "classic";
        answer.answeredAt = NOW;

        FollowUp followUp = FollowUp.open(answer);

        assertThat(followUp.id).isNotNull();
        assertThat(followUp.responseId).isEqualTo(answer.id);
        assertThat(followUp.memberId).isEqualTo(answer.memberId);
        assertThat(followUp.score).isEqualTo(3);
        assertThat(followUp.comment).isEqualTo("arrived late");
        assertThat(followUp.planId).isEqualTo("classic");
        assertThat(followUp.status).isEqualTo(FollowUpStatus.OPEN);
        assertThat(followUp.openedAt).isEqualTo(NOW);
        assertThat(followUp.dueAt).isEqualTo(NOW.plusDays(2));
        assertThat(followUp.isOverdue(NOW.plusDays(3))).isTrue();
    }

    @Test
    void shouldCloseWithTheNoteTrimmedAndTheTime() {
        NpsResponse answer = new NpsResponse();
        answer.id = UUID.randomUUID();
        answer.score = 0;
        answer.answeredAt = NOW;
        FollowUp followUp = FollowUp.open(answer);

        followUp.close("  called the member  ", "ops-support-user", NOW.plusHours(5));

        assertThat(followUp.status).isEqualTo(FollowUpStatus.CLOSED);
        assertThat(followUp.closedAt).isEqualTo(NOW.plusHours(5));
        assertThat(followUp.note).isEqualTo("called the member");
        assertThat(followUp.closedBy).isEqualTo("ops-support-user");
        assertThat(followUp.isOverdue(NOW.plusDays(3))).isFalse();
    }
}
