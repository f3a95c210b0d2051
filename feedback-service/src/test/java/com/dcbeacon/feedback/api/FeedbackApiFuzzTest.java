package com.dcbeacon.feedback.api;

import com.dcbeacon.platform.testing.OpenApiFuzzContract;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/** feedback-service's API fuzzed from its own OpenAPI document, as a member, a brand and ops. */
@QuarkusTest
class FeedbackApiFuzzTest extends OpenApiFuzzContract {

    private final UUID member = UUID.randomUUID();
    private final UUID brand = UUID.randomUUID();

    @Override
    protected Caller caller(String role) {
        String token = role.equals("member")
                ? TestTokens.member(member)
                : role.equals("brand") ? TestTokens.brand(brand) : TestTokens.ops();
        return new Caller(token, Map.of("memberId", member.toString(), "brandId", brand.toString()));
    }
}
