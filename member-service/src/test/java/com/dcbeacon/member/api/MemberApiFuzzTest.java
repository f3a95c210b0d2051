package com.dcbeacon.member.api;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.testing.OpenApiFuzzContract;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/** member-service's API fuzzed from its own OpenAPI document, as a subscribed member and as ops. */
@QuarkusTest
class MemberApiFuzzTest extends OpenApiFuzzContract {

    private UUID member;

    @Override
    protected Caller caller(String role) {
        if (member == null) {
            member = Members.subscribed("classic");
        }
        String token = role.equals("member")
                ? TestTokens.member(member)
                : role.equals("brand") ? TestTokens.brand(UUID.randomUUID()) : TestTokens.ops();
        return new Caller(token, Map.of("memberId", member.toString(), "planId", "classic"));
    }

    @Override
    protected Map<String, String> knownValues() {
        return Map.of("planId", "classic", "country", "DE");
    }
}
