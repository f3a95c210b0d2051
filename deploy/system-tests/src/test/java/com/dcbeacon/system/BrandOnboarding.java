package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.system.Http.Answer;
import java.util.Map;
import java.util.UUID;

/** A brand onboarded by ops, as the ops console sends it. */
final class BrandOnboarding {

    private BrandOnboarding() {}

    /** A brand, its user at the identity provider ({@code user}, {@code password}, {@code token}) and its catalogue. */
    record BrandWithCatalogue(UUID brand, String user, String password, String token) {}

    /**
     * Onboards a brand, makes a brand user for it (its username {@code userPrefix} and the brand's id) and imports
     * {@code csv} as that user, every row taken.
     */
    static BrandWithCatalogue withCatalogue(
            PlatformUnderTest platform,
            ProviderAccounts accounts,
            String opsToken,
            String name,
            String userPrefix,
            String csv) {
        UUID brand = onboard(platform, opsToken, name);
        String user = userPrefix + brand;
        String password = accounts.createUser(user, "brand", Map.of("brand_id", brand.toString()));
        String token = accounts.token(user, password);
        Answer imported = Http.send(
                "POST", platform.url(BRAND) + "/api/brands/" + brand + "/products/import", token, "text/csv", csv);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        assertThat(imported.body().path("rejectedRows").asInt())
                .as(imported.raw())
                .isZero();
        return new BrandWithCatalogue(brand, user, password, token);
    }

    static UUID onboard(PlatformUnderTest platform, String opsToken, String name) {
        Answer onboarded = Http.post(
                platform.url(BRAND) + "/api/brands",
                opsToken,
                Map.of("name", name, "contactEmail", name.toLowerCase().replace(' ', '-') + "@brands.example"));
        assertThat(onboarded.status()).as(onboarded.raw()).isEqualTo(201);
        return UUID.fromString(onboarded.text("id"));
    }
}
