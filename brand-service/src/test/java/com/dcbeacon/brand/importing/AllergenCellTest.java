package com.dcbeacon.brand.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllergenCellTest {

    @Test
    void shouldReadNoneInAnyCaseAsAnEmptyList() {
        assertThat(AllergenCell.read("allergens", "NONE")).isEqualTo(new AllergenCell.Read(List.of(), null));
        assertThat(AllergenCell.read("allergens", " none ").codes()).isEmpty();
        assertThat(AllergenCell.read("mayContain", "None").codes()).isEmpty();
    }

    @Test
    void shouldRejectABlankCellNamingTheToken() {
        for (String blank : new String[] {null, "", "   ", "|", " | "}) {
            AllergenCell.Read read = AllergenCell.read("allergens", blank);
            assertThat(read.codes()).as("'%s'", blank).isNull();
            assertThat(read.problem()).as("'%s'", blank).contains("blank").contains("NONE");
        }
        assertThat(AllergenCell.read("mayContain", "").problem()).contains("'may contain'");
    }

    @Test
    void shouldRejectNoneTogetherWithAnAllergen() {
        AllergenCell.Read read = AllergenCell.read("allergens", "NONE|MILK");

        assertThat(read.codes()).isNull();
        assertThat(read.problem()).contains("stand alone");
        assertThat(AllergenCell.read("allergens", "MILK").codes())
                .as("the same allergen alone")
                .containsExactly("MILK");
    }

    @Test
    void shouldPassCodesOnForValidation() {
        assertThat(AllergenCell.read("allergens", "PEANUTS| MILK |CHOCOLATE").codes())
                .containsExactly("PEANUTS", "MILK", "CHOCOLATE");
    }
}
