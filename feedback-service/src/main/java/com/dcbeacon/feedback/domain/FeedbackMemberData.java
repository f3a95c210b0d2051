package com.dcbeacon.feedback.domain;

import com.dcbeacon.platform.messaging.MemberDataHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What feedback-service holds about a member. Erasure removes identity and free text but keeps scores as
 * anonymous counts, so the NPS of past weeks and the rating figures brands saw do not change.
 */
@ApplicationScoped
public class FeedbackMemberData implements MemberDataHolder {

    @Override
    public Object export(UUID memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        MemberReplica.<MemberReplica>findByIdOptional(memberId).ifPresent(m -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("memberId", m.memberId);
            member.put("country", m.country); // null while the registration has not been applied here
            member.put("surveys", m.surveys);
            data.put("member", member);
        });
        data.put("ratings", Rating.<Rating>list("memberId = ?1 order by ratedAt", memberId).stream()
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
                }).toList());
        data.put("npsAnswers", NpsResponse.<NpsResponse>list("memberId = ?1 order by answeredAt", memberId).stream()
                .map(n -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("score", n.score);
                    row.put("comment", n.comment);
                    row.put("answeredAt", n.answeredAt.toString());
                    return row;
                }).toList());
        return data;
    }

    @Override
    public void erase(UUID memberId) {
        UUID anonymous = UUID.randomUUID();
        Rating.update("memberId = null, raterRef = ?1, comment = null where memberId = ?2", anonymous, memberId);
        NpsResponse.update("memberId = null, comment = null where memberId = ?1", memberId);
        FollowUp.update("memberId = null, comment = null where memberId = ?1", memberId);
        List<DeliveredBox> boxes = DeliveredBox.list("memberId", memberId);
        boxes.forEach(DeliveredBox::delete);
        MemberReplica.deleteById(memberId);
    }
}
