package com.dcbeacon.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The allergen and diet vocabulary of the event schemas is exactly {@link Allergen} and {@link DietaryTag}. */
class ContractVocabularyTest {

    private static final List<String> ALLERGENS =
            Arrays.stream(Allergen.values()).map(Enum::name).toList();
    private static final List<String> DIETARY_TAGS =
            Arrays.stream(DietaryTag.values()).map(Enum::name).toList();
    /** Property name → the vocabulary its values come from. */
    private static final Map<String, List<String>> VOCABULARY = Map.of(
            "allergens", ALLERGENS,
            "mayContain", ALLERGENS,
            "dietaryTags", DIETARY_TAGS);

    @Test
    void shouldListTheFourteenAllergensOfAnnexII() {
        assertThat(ALLERGENS).hasSize(14).doesNotHaveDuplicates();
        assertThat(DIETARY_TAGS).doesNotHaveDuplicates();
    }

    @Test
    void shouldBeTheVocabularyOfEverySchemaFieldThatCarriesIt() {
        List<String> checked = new ArrayList<>();
        for (SchemaProperties.Property property : SchemaProperties.all()) {
            List<String> vocabulary = VOCABULARY.get(property.name());
            if (vocabulary == null) {
                continue;
            }
            assertThat(property.strings())
                    .as(property.toString())
                    .isNotEmpty()
                    .allSatisfy(
                            s -> assertThat(enumOf(s)).as(property.toString()).isEqualTo(vocabulary));
            checked.add(property.toString());
        }
        assertThat(checked)
                .as("the events that carry allergens and tags")
                .contains(
                        "event-schemas/MemberPreferencesChanged.v1.json /allergens",
                        "event-schemas/MemberPreferencesChanged.v2.json /dietaryTags",
                        "event-schemas/ProductPublished.v1.json /mayContain",
                        "event-schemas/ProductUpdated.v1.json /allergens");
    }

    @Test
    void shouldNotUseTheVocabularyUnderAnyOtherName() {
        for (SchemaProperties.Property property : SchemaProperties.all()) {
            if (VOCABULARY.containsKey(property.name())) {
                continue;
            }
            for (JsonNode s : property.strings()) {
                assertThat(enumOf(s))
                        .as(property + " names allergens or tags outside the known fields")
                        .doesNotContainAnyElementsOf(ALLERGENS)
                        .doesNotContainAnyElementsOf(DIETARY_TAGS);
            }
        }
    }

    private static List<String> enumOf(JsonNode schema) {
        return StreamSupport.stream(schema.path("enum").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
