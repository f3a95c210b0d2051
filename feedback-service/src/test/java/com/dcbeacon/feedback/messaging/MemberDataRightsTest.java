package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.domain.MemberReplica;
import com.dcbeacon.platform.testing.MemberDataRightsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;

@QuarkusTest
class MemberDataRightsTest extends MemberDataRightsContract {

    @Override
    protected String serviceName() {
        return "feedback-service";
    }


    @Override
    protected long memberDataCount(UUID memberId) {
        return MemberReplica.count("memberId", memberId);
    }
}
