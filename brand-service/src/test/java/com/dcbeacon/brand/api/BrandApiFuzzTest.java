package com.dcbeacon.brand.api;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.testing.OpenApiFuzzContract;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;

/** brand-service's API fuzzed from its own OpenAPI document, as a brand with one product and as ops. */
@QuarkusTest
class BrandApiFuzzTest extends OpenApiFuzzContract {

    private UUID brand;

    @Override
    protected Caller caller(String role) {
        if (brand == null) {
            brand = Brands.onboard();
            Brands.createProduct(brand, "FUZZ-1", 50);
        }
        String token = role.equals("brand")
                ? TestTokens.brand(brand)
                : role.equals("member") ? TestTokens.member(UUID.randomUUID()) : TestTokens.ops();
        return new Caller(token, Map.of("brandId", brand.toString(), "sku", "FUZZ-1"));
    }
}
