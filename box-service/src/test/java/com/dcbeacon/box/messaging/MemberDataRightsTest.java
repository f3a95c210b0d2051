package com.dcbeacon.box.messaging;

import com.dcbeacon.box.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.testing.MemberDataRightsContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;

@QuarkusTest
class MemberDataRightsTest extends MemberDataRightsContract {

    @Inject
    MemberReplicaRepository memberReplicaRepository;

    @Override
    protected String serviceName() {
        return "box-service";
    }

    @Override
    protected long memberDataCount(UUID memberId) {
        return memberReplicaRepository.count("memberId", memberId);
    }
}
