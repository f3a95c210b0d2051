package com.dcbeacon.box.domain;

import com.dcbeacon.platform.messaging.MemberDataHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What box-service holds about a member, for export and erasure. */
@ApplicationScoped
public class MemberReplicaData implements MemberDataHolder {

    @Override
    public Object export(UUID memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        MemberReplica.<MemberReplica>findByIdOptional(memberId).ifPresent(m -> data.put("member",
                Map.of("memberId", m.memberId, "country", m.country, "registeredAt", m.registeredAt.toString())));
        return data;
    }

    @Override
    public void erase(UUID memberId) {
        MemberReplica.deleteById(memberId);
    }
}
