package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void theMemberWhoMissesOutOnAScarceFavouriteChangesFromCycleToCycle() {
        UUID brand = UUID.randomUUID();
        Product favourite = new Product(
                UUID.randomUUID(), brand, "Brand", "FAV", "Chili Crisps", "chips", Set.of(), Set.of(), Set.of(), 1);
        Product other = new Product(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Other",
                "OTH",
                "Rice Cakes",
                "bars",
                Set.of(),
                Set.of(),
                Set.of(),
                100);
        List<CurationMember> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(new CurationMember(
                    UUID.randomUUID(), 1, Set.of(), Set.of(), Set.of("chips"), Set.of(), Map.of(), Set.of()));
        }
        Map<UUID, Integer> winsPerMember = new HashMap<>();
        for (int month = 0; month < 24; month++) {
            String cycle = java.time.YearMonth.of(2027, 1).plusMonths(month).toString();
            Curator.Result result = Curator.curate(cycle, members, List.of(favourite, other), List.of());
            result.boxes().stream()
                    .filter(b -> b.items().get(0).product().equals(favourite))
                    .forEach(b -> winsPerMember.merge(b.memberId(), 1, Integer::sum));
        }
        assertThat(winsPerMember.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(24);
        assertThat(winsPerMember.size())
                .as("distinct members who got the scarce item over 24 cycles")
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void sponsoredItemsNeverTakeTheSlotOfAPoorFit() {
        Product sponsoredCandy = new Product(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Candy Co",
                "CANDY",
                "Candy",
                "sweets",
                Set.of(),
                Set.of(),
                Set.of(),
                50);
        Product chips = new Product(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Chips Co",
                "CHIPS",
                "Chips",
                "chips",
                Set.of(),
                Set.of(),
                Set.of(),
                50);
        CurationMember likesChips = new CurationMember(
                UUID.randomUUID(), 2, Set.of(), Set.of(), Set.of("chips"), Set.of(), Map.of(), Set.of());
        CurationMember likesSweets = new CurationMember(
                UUID.randomUUID(), 2, Set.of(), Set.of(), Set.of("sweets"), Set.of(), Map.of(), Set.of());
        Curator.Result result = Curator.curate(
                "2026-12",
                List.of(likesChips, likesSweets),
                List.of(sponsoredCandy, chips),
                List.of(new Campaign(sponsoredCandy.productId(), 10, 1)));
        CuratedBox chipsBox = result.boxes().get(0);
        CuratedBox sweetsBox = result.boxes().get(1);
        assertThat(chipsBox.items()).filteredOn(CuratedBox.Item::sponsored).isEmpty();
        assertThat(sweetsBox.items())
                .filteredOn(CuratedBox.Item::sponsored)
                .extracting(i -> i.product().sku())
                .containsExactly("CANDY");
        assertThat(sweetsBox.items())
                .filteredOn(i -> i.product().sku().equals("CANDY"))
                .allSatisfy(i -> assertThat(i.reason()).contains("sweets"));
    }
}
