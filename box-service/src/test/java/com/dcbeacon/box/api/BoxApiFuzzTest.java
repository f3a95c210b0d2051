package com.dcbeacon.box.api;

import com.dcbeacon.platform.testing.OpenApiFuzzContract;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/**
 * box-service's API fuzzed from its own OpenAPI document. The member owns no box, so box operations end in 404 after
 * their input was read; curation runs are never started, since no generated cycle matches YYYY-MM.
 */
@QuarkusTest
class BoxApiFuzzTest extends OpenApiFuzzContract {

    private final UUID member = UUID.randomUUID();

    @Override
    protected Caller caller(String role) {
        String token = role.equals("member")
                ? TestTokens.member(member)
                : role.equals("brand") ? TestTokens.brand(UUID.randomUUID()) : TestTokens.ops();
        return new Caller(token, Map.of("memberId", member.toString()));
    }
}
