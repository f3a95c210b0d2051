package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.system.Http.Answer;
import java.util.Map;
import java.util.UUID;

/** A brand onboarded by ops, as the ops console sends it. */
final class BrandOnboarding {

    private BrandOnboarding() {}

    static UUID onboard(PlatformUnderTest platform, String opsToken, String name) {
        Answer onboarded = Http.post(
                platform.url(BRAND) + "/api/brands",
                opsToken,
                Map.of("name", name, "contactEmail", name.toLowerCase().replace(' ', '-') + "@brands.example"));
        assertThat(onboarded.status()).as(onboarded.raw()).isEqualTo(201);
        return UUID.fromString(onboarded.text("id"));
    }
}
