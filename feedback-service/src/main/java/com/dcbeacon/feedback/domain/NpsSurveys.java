package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.feedback.persistence.FollowUpRepository;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.feedback.persistence.NpsInvitationRepository;
import com.dcbeacon.feedback.persistence.NpsResponseRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.NpsSurveyInvited;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Inviting members to the NPS survey after a delivered box and taking their answers, within the fatigue cap, and
 * opening a follow-up for every detractor.
 */
@ApplicationScoped
public class NpsSurveys {

    private final MemberReplicaRepository members;
    private final DeliveredBoxRepository boxes;
    private final NpsResponseRepository answers;
    private final FollowUpRepository followUps;
    private final NpsInvitationRepository invitations;
    private final Outbox outbox;
    private final Clock clock;

    public NpsSurveys(
            MemberReplicaRepository members,
            DeliveredBoxRepository boxes,
            NpsResponseRepository answers,
            FollowUpRepository followUps,
            NpsInvitationRepository invitations,
            Outbox outbox,
            Clock clock) {
        this.invitations = invitations;
        this.outbox = outbox;
        this.clock = clock;
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
        OffsetDateTime now = now();
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
        return SurveyEligibility.decide(member.surveys, receivedABox, last, now());
    }

    /**
     * A box was delivered to the member: invites them to the survey if the rules allow it now
     * ({@link SurveyEligibility#invite}), recorded and announced ({@code NpsSurveyInvited}) in the inbox transaction of
     * the delivery. The member's row is locked, as for an answer, so two deliveries at once invite once. A member this
     * service does not know yet is not invited (a later box will).
     */
    public Optional<NpsInvitation> delivered(UUID memberId, UUID boxId) {
        MemberReplica member = members.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (member == null) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        if (!SurveyEligibility.invite(
                member.surveys, answers.lastAnswerOf(memberId), invitations.lastInvitationOf(memberId), now)) {
            return Optional.empty();
        }
        NpsInvitation invitation = new NpsInvitation();
        invitation.id = UUID.randomUUID();
        invitation.memberId = memberId;
        invitation.boxId = boxId;
        invitation.invitedAt = now;
        invitations.persist(invitation);
        outbox.publish(
                EventType.NPS_SURVEY_INVITED,
                memberId.toString(),
                new NpsSurveyInvited(invitation.id, memberId, boxId, now));
        return Optional.of(invitation);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
