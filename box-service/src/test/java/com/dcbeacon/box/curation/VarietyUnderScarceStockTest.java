package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Why the worst member's box scored 0 against their best box: a member's candidates were ranked once, by score next to
 * an empty box, and only the first of them were looked at. A member who likes one category and has more safe products
 * in it than that list holds saw only that category plus the few other products ranked next to it; once other members
 * took those, every further pick was one more item of the liked category at a score 15 lower each time, below zero from
 * the fifth, while products of other categories were still in stock.
 */
class VarietyUnderScarceStockTest {

    private static final List<String> OTHER_CATEGORIES =
            List.of("bars", "nuts", "sweets", "cookies", "crackers", "popcorn", "jerky", "pretzels");

    @Test
    void moreSafeProductsInTheLikedCategoryThanAreShortlistedStillLeaveRoomForOtherCategories() {
        List<Product> catalogue = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            catalogue.add(product(new UUID(1, i), "chips", i, 100));
        }
        for (int i = 0; i < OTHER_CATEGORIES.size(); i++) {
            catalogue.add(product(new UUID(2, i), OTHER_CATEGORIES.get(i), 200 + i, 100));
        }
        CurationMember likesChips = member(8, "chips");

        CuratedBox box = Curator.curate("2026-12", List.of(likesChips), catalogue, List.of())
                .boxes()
                .get(0);

        assertThat(box.items()).hasSize(8);
        assertThat(box.items())
                .filteredOn(i -> i.product().category().equals("chips"))
                .hasSizeLessThanOrEqualTo(3);
        assertThat(box.items()).allSatisfy(i -> assertThat(i.score()).isPositive());
        assertThat(box.items().stream().mapToInt(CuratedBox.Item::score).sum()).isEqualTo(35 + 20 + 5 + 5 * 5);
    }

    @Test
    void whenOthersTakeTheFewOtherProductsShortlistedTheMemberStillGetsOtherCategoriesFromTheRest() {
        List<Product> catalogue = new ArrayList<>();
        // 90 chips and 6 bars of one unit each: the liked member's 96 best next to an empty box.
        for (int i = 0; i < 90; i++) {
            catalogue.add(product(new UUID(1, i), "chips", i, 100));
        }
        for (int i = 0; i < 6; i++) {
            catalogue.add(product(new UUID(0, i), "bars", 100 + i, 1));
        }
        // Products of other categories, ranked after the bars (same score, higher ids) and so left out.
        for (int i = 0; i < 30; i++) {
            catalogue.add(product(new UUID(3, i), OTHER_CATEGORIES.get(1 + i % 7), 200 + i, 100));
        }
        CurationMember likesChips = member(8, "chips");
        List<CurationMember> members = new ArrayList<>(List.of(likesChips));
        for (int i = 0; i < 6; i++) {
            members.add(member(1, "bars"));
        }

        CuratedBox box =
                Curator.curate("2026-12", members, catalogue, List.of()).boxes().get(0);

        assertThat(box.items()).hasSize(8);
        assertThat(box.items())
                .filteredOn(i -> i.product().category().equals("chips"))
                .hasSizeLessThanOrEqualTo(3);
        assertThat(box.items()).allSatisfy(i -> assertThat(i.score()).isPositive());
        BoxQuality quality = new BoxQuality(catalogue);
        assertThat(quality.ratio(
                        likesChips,
                        box.items().stream().map(i -> i.product().productId()).toList()))
                .isEqualTo(1.0);
    }

    private static CurationMember member(int plan, String likes) {
        return new CurationMember(
                UUID.randomUUID(), plan, Set.of(), Set.of(), Set.of(likes), Set.of(), Map.of(), Set.of());
    }

    private static Product product(UUID id, String category, int brand, int stock) {
        return new Product(
                id,
                new UUID(7, brand),
                "Brand " + brand,
                "SKU-" + id,
                "Snack " + id,
                category,
                Set.of(),
                Set.of(),
                Set.of(),
                stock);
    }
}
