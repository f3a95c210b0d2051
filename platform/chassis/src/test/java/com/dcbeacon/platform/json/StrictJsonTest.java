package com.dcbeacon.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.platform.problem.JsonPaths;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Credit(Long amountCents, String reason) {}

    record Order(int units, boolean gift, Double weight, List<String> allergens, Credit credit) {}

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper());

    @Test
    void shouldReadWellTypedJsonAsSent() throws Exception {
        Order order = mapper.readValue("""
                {"units":2,"gift":true,"weight":3,"allergens":["MILK"],"credit":{"amountCents":250,"reason":"late"}}""", Order.class);

        assertThat(order).isEqualTo(new Order(2, true, 3.0, List.of("MILK"), new Credit(250L, "late")));
    }

    @Test
    void shouldRefuseAFractionForAWholeNumberNamingTheField() {
        assertPath("{\"credit\":{\"amountCents\":250.75,\"reason\":\"late\"}}", "credit.amountCents");
        assertPath("{\"units\":1e2}", "units");
    }

    @Test
    void shouldRefuseValuesOfAnotherJsonType() {
        assertPath("{\"units\":\"12\"}", "units");
        assertPath("{\"gift\":\"true\"}", "gift");
        assertPath("{\"gift\":1}", "gift");
        assertPath("{\"weight\":\"3.5\"}", "weight");
        assertPath("{\"credit\":{\"reason\":42}}", "credit.reason");
        assertPath("{\"allergens\":\"MILK\"}", "allergens");
        assertPath("{\"allergens\":[\"MILK\"],\"credit\":[]}", "credit");
    }

    @Test
    void shouldRefuseNullsWherePrimitivesOrListElementsAreExpected() {
        assertPath("{\"units\":null}", "units");
        assertPath("{\"allergens\":[\"MILK\",null]}", "allergens[1]");
    }

    @Test
    void shouldRefuseDuplicateKeysNamingTheKey() {
        assertPath("{\"credit\":{\"amountCents\":1,\"amountCents\":100000}}", "credit.amountCents");
    }

    @Test
    void shouldRefuseANumberTooLargeForItsTypeNamingTheField() {
        assertPath("{\"units\":99999999999}", "units");
    }

    @Test
    void shouldRefuseTheNulCharacterInTextNamingTheField() {
        assertPath("{\"credit\":{\"reason\":\"late\\u0000box\"}}", "credit.reason");
        assertPath("{\"allergens\":[\"MILK\",\"\\u0000\"]}", "allergens[1]");
    }

    @Test
    void shouldRefuseTrailingContent() {
        assertThatThrownBy(() -> mapper.readValue("{\"units\":1} {\"units\":2}", Order.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    private void assertPath(String json, String path) {
        assertThatThrownBy(() -> mapper.readValue(json, Order.class))
                .isInstanceOfSatisfying(
                        JsonProcessingException.class,
                        e -> assertThat(JsonPaths.of(e)).isEqualTo(path));
    }
}
