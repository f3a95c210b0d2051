package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * What the API says a rating changes is what the curation rules do with it: NEVER_AGAIN exactly when
 * {@link SafetyRules} leaves the rated product out, MORE_OF_ITS_CATEGORY exactly when {@link TasteScore} gives another
 * product of its category the bonus for something loved, with the reason naming the rating.
 */
class RatingEffectTest {

    @Property(tries = 50)
    void shouldSayWhatTheRulesDoWithTheRating(@ForAll @IntRange(min = 1, max = 5) int stars) {
        Product rated = product("Chili Crisps", "chips");
        Product sameCategory = product("Sea Salt Crisps", "chips");
        CurationMember member = new CurationMember(
                UUID.randomUUID(),
                4,
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Map.of(rated.productId(), stars),
                Set.of());
        RatingEffect effect = RatingEffect.of(stars);

        assertThat(!SafetyRules.allows(member, rated)).isEqualTo(effect == RatingEffect.NEVER_AGAIN);
        TasteScore.Scored other = TasteScore.score(
                member,
                sameCategory,
                List.of(),
                Map.of(rated.productId(), rated, sameCategory.productId(), sameCategory));
        assertThat(other.score() > TasteScore.NEW_TO_MEMBER).isEqualTo(effect == RatingEffect.MORE_OF_ITS_CATEGORY);
        assertThat(other.reason().contains("because you rated Chili Crisps"))
                .isEqualTo(effect == RatingEffect.MORE_OF_ITS_CATEGORY);
    }

    private static Product product(String name, String category) {
        return new Product(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Crunchy Co",
                "SKU-" + name,
                name,
                category,
                Set.of(),
                Set.of(),
                Set.of("VEGAN"),
                10);
    }
}
