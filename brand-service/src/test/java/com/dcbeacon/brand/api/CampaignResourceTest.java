package com.dcbeacon.brand.api;

import static com.dcbeacon.brand.Brands.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignResourceTest {

    private static final String NEXT =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();

    @Test
    void shouldCommitUnitsWithinStockAndAnnounceTheCampaign() {
        UUID brand = Brands.onboard();
        String productId = Brands.createProduct(brand, "CP-1", 100);
        String path = "/api/brands/" + brand + "/campaigns";
        as(brand)
                .body("{\"sku\":\"CP-1\",\"cycle\":\"" + NEXT + "\",\"units\":60,\"maxPerBox\":1}")
                .post(path)
                .then()
                .statusCode(201)
                .body("units", equalTo(60));
        as(brand)
                .body("{\"sku\":\"CP-1\",\"cycle\":\"" + NEXT + "\",\"units\":41}")
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("units"));
        as(brand).get(path).then().statusCode(200).body("", hasSize(1));
        assertThat(KafkaTestClient.await(
                        Topics.BRAND_EVENTS,
                        r -> productId.equals(r.key())
                                && "CampaignCreated".equals(KafkaTestClient.header(r, "ce_type")),
                        Duration.ofSeconds(20)))
                .isPresent();
    }

    @Test
    void shouldRefuseCampaignsForPastCyclesUnknownOrRetiredProducts() {
        UUID brand = Brands.onboard();
        Brands.createProduct(brand, "CP-2", 10);
        String path = "/api/brands/" + brand + "/campaigns";
        String past = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
        as(brand)
                .body("{\"sku\":\"CP-2\",\"cycle\":\"" + past + "\",\"units\":1}")
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("cycle"));
        as(brand)
                .body("{\"sku\":\"NOPE\",\"cycle\":\"" + NEXT + "\",\"units\":1}")
                .post(path)
                .then()
                .statusCode(404);
        as(brand)
                .body("{\"sku\":\"CP-2\",\"cycle\":\"" + NEXT + "\",\"units\":1,\"maxPerBox\":3}")
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("maxPerBox"));
        as(brand).post("/api/brands/" + brand + "/products/CP-2/retire").then().statusCode(200);
        as(brand)
                .body("{\"sku\":\"CP-2\",\"cycle\":\"" + NEXT + "\",\"units\":1}")
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sku"));
    }

    @Test
    void shouldRefuseACycleMoreThan24MonthsAheadInUtcMonths() {
        UUID brand = Brands.onboard();
        Brands.createProduct(brand, "CP-3", 10);
        String path = "/api/brands/" + brand + "/campaigns";
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        as(brand)
                .body("{\"sku\":\"CP-3\",\"cycle\":\"" + current.plusMonths(25) + "\",\"units\":1}")
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("cycle"))
                .body("violations.message", hasItem("must be at most 24 months ahead"));
        as(brand)
                .body("{\"sku\":\"CP-3\",\"cycle\":\"" + current.plusMonths(24) + "\",\"units\":1}")
                .post(path)
                .then()
                .statusCode(201);
    }
}
