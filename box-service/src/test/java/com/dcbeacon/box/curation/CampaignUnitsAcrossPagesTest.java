package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A campaign's units are placed wherever the member for whom its product is a good pick is read. Pages follow the
 * member id order from a point fixed by the cycle, and a page's share counts every subscription replica, cancelled ones
 * included: the one member who likes the campaign's category can be read alone in a first page with the members who
 * get no box still to read. A share of the campaign's units rounded down to 0 for that page left the units to pages
 * with nobody to place them, and the campaign placed nothing.
 */
class CampaignUnitsAcrossPagesTest {

    @Property(tries = 200)
    void theOnlyGoodPickMemberGetsTheSponsoredItemWhicheverPageReadsThem(
            @ForAll("productIds") UUID productId,
            @ForAll @IntRange(min = 1, max = 9) int membersWithoutABoxAfter,
            @ForAll @IntRange(min = 1, max = 3) int units) {
        String category = "sp-" + productId.toString().substring(0, 6);
        // 10 units: the first page's stock share (10 / (1 + after)) is at least 1, its campaign share may round to 0.
        Product sponsored = product(productId, category, 10);
        List<Product> catalogue = List.of(
                sponsored,
                product(UUID.randomUUID(), "chips", 4),
                product(UUID.randomUUID(), "cookies", 4),
                product(UUID.randomUUID(), "crackers", 3));
        CurationMember fan = new CurationMember(
                UUID.randomUUID(), 1, Set.of(), Set.of(), Set.of(category), Set.of(), Map.of(), Set.of());
        PagedCuration curation = new PagedCuration("2031-06", catalogue, List.of(new Campaign(productId, units, 1)));

        Curator.Result first = curation.decide(List.of(fan), 1, membersWithoutABoxAfter);
        curation.committed(first.boxes());
        // The members read after the fan get no box.
        curation.committed(
                curation.decide(List.of(), membersWithoutABoxAfter, 0).boxes());

        CuratedBox.Item item = first.boxes().getFirst().items().getFirst();
        assertThat(item.product().productId()).isEqualTo(productId);
        assertThat(item.sponsored()).isTrue();
        assertThat(curation.sponsoredUnits()).containsEntry(productId, 1);
    }

    @Provide
    Arbitrary<UUID> productIds() {
        return Arbitraries.create(UUID::randomUUID);
    }

    private static Product product(UUID id, String category, int stock) {
        String sku = id.toString().substring(0, 8);
        return new Product(id, UUID.randomUUID(), "B", sku, sku, category, Set.of(), Set.of(), Set.of(), stock);
    }
}
