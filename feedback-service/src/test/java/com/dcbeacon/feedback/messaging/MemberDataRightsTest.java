package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.testing.MemberDataRightsContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;

@QuarkusTest
class MemberDataRightsTest extends MemberDataRightsContract {

    @Inject
    MemberReplicaRepository members;

    @Override
    protected String serviceName() {
        return "feedback-service";
    }

    @Override
    protected long memberDataCount(UUID memberId) {
        return members.count("memberId", memberId);
    }
}
