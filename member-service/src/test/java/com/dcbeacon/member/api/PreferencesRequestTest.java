package com.dcbeacon.member.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.Allergen;
import com.dcbeacon.platform.events.DietaryTag;
import jakarta.validation.constraints.Size;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PreferencesRequestTest {

    @Test
    void shouldAllowEveryAllergenAndEveryDietaryTagOnceAndNoMore() {
        assertThat(maxSize("allergens")).isEqualTo(Allergen.values().length);
        assertThat(maxSize("dietaryTags")).isEqualTo(DietaryTag.values().length);
    }

    private static int maxSize(String component) {
        RecordComponent field = Arrays.stream(PreferencesRequest.class.getRecordComponents())
                .filter(c -> c.getName().equals(component))
                .findFirst()
                .orElseThrow();
        return field.getAccessor().getAnnotation(Size.class).max();
    }
}
