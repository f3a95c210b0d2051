package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DietaryTagTest {

    @Test
    void shouldBeTheEventContractsTagsInItsOrder() {
        // Same names: they travel in MemberPreferencesChanged; same order: API errors list them in declaration order.
        assertThat(Arrays.stream(DietaryTag.values()).map(Enum::name))
                .containsExactly(Arrays.stream(com.dcbeacon.platform.events.DietaryTag.values())
                        .map(Enum::name)
                        .toArray(String[]::new));
    }
}
