package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.feedback.persistence.FollowUpRepository;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.feedback.persistence.NpsInvitationRepository;
import com.dcbeacon.feedback.persistence.NpsResponseRepository;
import com.dcbeacon.feedback.persistence.RatingRepository;
import com.dcbeacon.platform.messaging.MemberDataHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A member's data rights in feedback-service: exports what it holds about the member (the replica, ratings with
 * comments, NPS answers and invitations) and erases it. Erasure removes identity and free text but keeps scores as anonymous counts,
 * so the NPS of past weeks and the rating figures brands saw do not change.
 */
@ApplicationScoped
public class FeedbackMemberData implements MemberDataHolder {

    private final MemberReplicaRepository members;
    private final DeliveredBoxRepository boxes;
    private final RatingRepository ratings;
    private final NpsResponseRepository answers;
    private final FollowUpRepository followUps;
    private final NpsInvitationRepository invitations;

    public FeedbackMemberData(
            MemberReplicaRepository members,
            DeliveredBoxRepository boxes,
            RatingRepository ratings,
            NpsResponseRepository answers,
            FollowUpRepository followUps,
            NpsInvitationRepository invitations) {
        this.invitations = invitations;
        this.members = members;
        this.boxes = boxes;
        this.ratings = ratings;
        this.answers = answers;
        this.followUps = followUps;
    }

    @Override
    public Object export(UUID memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        members.findByIdOptional(memberId).ifPresent(m -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("memberId", m.memberId);
            member.put("country", m.country); // null while the registration has not been applied here
            member.put("surveys", m.surveys);
            data.put("member", member);
        });
        data.put(
                "ratings",
                ratings.ofMemberOldestFirst(memberId).stream()
                        .map(r -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("boxId", r.boxId);
                            row.put("productId", r.productId);
                            row.put("sku", r.sku);
                            row.put("cycle", r.cycle);
                            row.put("stars", r.stars);
                            row.put("comment", r.comment);
                            row.put("ratedAt", r.ratedAt.toString());
                            return row;
                        })
                        .toList());
        data.put(
                "npsAnswers",
                answers.ofMemberOldestFirst(memberId).stream()
                        .map(n -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("score", n.score);
                            row.put("comment", n.comment);
                            row.put("answeredAt", n.answeredAt.toString());
                            return row;
                        })
                        .toList());
        data.put(
                "npsInvitations",
                invitations.ofMemberOldestFirst(memberId).stream()
                        .map(i -> Map.of("boxId", i.boxId, "invitedAt", i.invitedAt.toString()))
                        .toList());
        return data;
    }

    @Override
    public void erase(UUID memberId) {
        UUID anonymous = UUID.randomUUID();
        ratings.anonymize(memberId, anonymous);
        answers.anonymize(memberId);
        invitations.deleteOfMember(memberId);
        followUps.anonymize(memberId);
        boxes.deleteOfMember(memberId);
        members.deleteById(memberId);
    }
}
