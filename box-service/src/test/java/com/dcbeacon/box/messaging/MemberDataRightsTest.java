package com.dcbeacon.box.messaging;

import com.dcbeacon.box.domain.MemberReplica;
import com.dcbeacon.platform.testing.MemberDataRightsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;

@QuarkusTest
class MemberDataRightsTest extends MemberDataRightsContract {

    @Override
    protected String serviceName() {
        return "box-service";
    }


    @Override
    protected long memberDataCount(UUID memberId) {
        return MemberReplica.count("memberId", memberId);
    }
}
