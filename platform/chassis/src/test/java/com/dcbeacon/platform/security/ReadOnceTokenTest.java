package com.dcbeacon.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadOnceTokenTest {

    @Test
    void shouldReadTheRolesAndEachClaimOfTheParsedTokenOnce() {
        ClaimsToken parsed =
                new ClaimsToken(Map.of("sub", "member-user-1", "member_id", "m-1", "groups", Set.of("member")));
        ReadOnceToken token = new ReadOnceToken(parsed);
        for (int request = 0; request < 3; request++) {
            assertThat(token.getGroups()).containsExactly("member");
            assertThat(token.<String>getClaim("member_id")).isEqualTo("m-1");
            assertThat(token.getSubject()).isEqualTo("member-user-1");
            assertThat(token.<Object>getClaim("brand_id")).isNull();
        }
        assertThat(parsed.reads).isEqualTo(Map.of("groups", 1, "member_id", 1, "sub", 1, "brand_id", 1));
    }

    @Test
    void shouldNotLetOneRequestChangeTheRolesOrClaimsTheNextOneSees() {
        ReadOnceToken token = new ReadOnceToken(new ClaimsToken(
                Map.of("sub", "ops-user", "groups", Set.of("ops"), "aud", Set.of("dcbeacon-services"))));
        assertThatThrownBy(() -> token.getGroups().add("ops-finance"))
                .isInstanceOf(UnsupportedOperationException.class);
        Set<String> audience = token.getClaim("aud");
        assertThatThrownBy(() -> audience.add("elsewhere")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(token.getGroups()).containsExactly("ops");
    }
}
