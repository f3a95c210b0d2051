package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplacementTest {

    private static final UUID CRUNCH_CO = UUID.randomUUID();
    private static final UUID OAT_WORKS = UUID.randomUUID();

    private final Product lovedChips = product("LOVED", "Sea Salt Crisps", "chips", CRUNCH_CO, Set.of());
    private final Product chiliChips = product("CHILI", "Chili Crisps", "chips", CRUNCH_CO, Set.of());
    private final Product oatBar = product("OAT", "Oat Bar", "bars", OAT_WORKS, Set.of());

    @Test
    void aRecentlyReceivedProductIsNotPickedEvenWhenItScoresBest() {
        List<Product> catalogue = List.of(lovedChips, chiliChips, oatBar);
        CurationMember member = member(Set.of("chips"), Map.of(lovedChips.productId(), 5), Set.of(), Set.of());
        assertThat(Replacement.pick(member, List.of(), Set.of(lovedChips.productId()), catalogue))
                .as("without history the chili crisps are the best pick")
                .get()
                .extracting(i -> i.product().sku())
                .isEqualTo("CHILI");

        CurationMember receivedItLastMonth =
                member(Set.of("chips"), Map.of(lovedChips.productId(), 5), Set.of(chiliChips.productId()), Set.of());

        assertThat(Replacement.pick(receivedItLastMonth, List.of(), Set.of(lovedChips.productId()), catalogue))
                .get()
                .extracting(i -> i.product().sku())
                .isEqualTo("OAT");
    }

    @Test
    void theProductLeavingTheBoxIsNotPickedBack() {
        CurationMember member = member(Set.of("chips"), Map.of(), Set.of(), Set.of());

        assertThat(Replacement.pick(
                        member, List.of(oatBar), Set.of(chiliChips.productId()), List.of(chiliChips, oatBar)))
                .isEmpty();
    }

    @Test
    void aCategoryNotYetInTheBoxIsPreferred() {
        CurationMember member = member(Set.of("chips", "bars"), Map.of(), Set.of(), Set.of());

        CuratedBox.Item pick = Replacement.pick(
                        member, List.of(lovedChips), Set.of(), List.of(lovedChips, chiliChips, oatBar))
                .orElseThrow();

        assertThat(pick.product().sku()).isEqualTo("OAT");
        assertThat(pick.reason()).isEqualTo("from bars, a category you like");
        assertThat(pick.sponsored()).isFalse();
    }

    @Test
    void noPickRatherThanAMayContainAllergen() {
        Product mayHavePeanuts = product("PNT", "Trail Mix", "nuts", OAT_WORKS, Set.of("PEANUTS"));
        CurationMember allergic = member(Set.of("nuts"), Map.of(), Set.of(), Set.of("PEANUTS"));

        assertThat(Replacement.pick(allergic, List.of(), Set.of(), List.of(mayHavePeanuts)))
                .isEmpty();
    }

    private static Product product(String sku, String name, String category, UUID brand, Set<String> mayContain) {
        return new Product(UUID.randomUUID(), brand, "Brand", sku, name, category, Set.of(), mayContain, Set.of(), 10);
    }

    private static CurationMember member(
            Set<String> liked, Map<UUID, Integer> ratings, Set<UUID> recentlyReceived, Set<String> allergens) {
        return new CurationMember(
                UUID.randomUUID(), 3, allergens, Set.of(), liked, Set.of(), ratings, recentlyReceived);
    }
}
