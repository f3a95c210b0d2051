package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.feedback.persistence.FollowUpRepository;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.feedback.persistence.NpsResponseRepository;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Asking members for their NPS, within the fatigue cap, and opening a follow-up for every detractor. */
@ApplicationScoped
public class NpsSurveys {

    private final MemberReplicaRepository members;
    private final DeliveredBoxRepository boxes;
    private final NpsResponseRepository answers;
    private final FollowUpRepository followUps;

    public NpsSurveys(
            MemberReplicaRepository members,
            DeliveredBoxRepository boxes,
            NpsResponseRepository answers,
            FollowUpRepository followUps) {
        this.members = members;
        this.boxes = boxes;
        this.answers = answers;
        this.followUps = followUps;
    }

    public SurveyEligibility.Decision eligibility(UUID memberId) {
        MemberReplica member = members.findById(memberId);
        return decide(member, memberId);
    }

    @Transactional
    public NpsResponse answer(UUID memberId, int score, String comment) {
        // Lock the member so two answers sent at once cannot both pass the 90-day check.
        MemberReplica member = members.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        SurveyEligibility.Decision decision = decide(member, memberId);
        if (!decision.eligible()) {
            throw new ProblemException(409, "Not asked now", decision.reason());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        NpsResponse response = new NpsResponse();
        response.id = UUID.randomUUID();
        response.memberId = memberId;
        response.score = score;
        response.comment = comment == null || comment.isBlank() ? null : comment.trim();
        response.planId = member.planId;
        response.answeredAt = now;
        answers.persist(response);
        if (NpsCalculator.isDetractor(score)) {
            followUps.persist(FollowUp.open(response));
        }
        return response;
    }

    private SurveyEligibility.Decision decide(MemberReplica member, UUID memberId) {
        if (member == null) {
            return new SurveyEligibility.Decision(false, "we ask once your first box has arrived");
        }
        boolean receivedABox = boxes.anyDeliveredTo(memberId);
        Optional<OffsetDateTime> last = answers.lastAnswerOf(memberId);
        return SurveyEligibility.decide(member.surveys, receivedABox, last, OffsetDateTime.now(ZoneOffset.UTC));
    }
}
