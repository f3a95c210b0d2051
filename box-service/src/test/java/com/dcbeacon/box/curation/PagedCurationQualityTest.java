package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's world at a small size, curated in pages as a run does: {@code quality.members} members (default
 * 2,000) over {@code quality.products} products (default 2,000, stock in all 1.3 times the slots) in pages of {@code
 * quality.page} (default 500). Each page then shares about 3 units of each product, as in the benchmark's 100,000
 * members in pages of 500. Every member's box is measured against their best box with unlimited stock; with the
 * candidates ranked once next to an empty box the worst member here got 0.
 */
class PagedCurationQualityTest {

    @Test
    void noMemberIsLeftWithAPoorBoxAndStockIsExact() {
        int memberCount = Integer.getInteger("quality.members", 2_000);
        int productCount = Integer.getInteger("quality.products", 2_000);
        int pageSize = Integer.getInteger("quality.page", 500);
        SnackWorld world = new SnackWorld(42, memberCount, productCount);
        List<CurationMember> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            members.add(world.nextMember());
        }
        PagedCuration curation = new PagedCuration("2032-01", world.catalogue(), List.of());
        List<CuratedBox> boxes = new ArrayList<>();
        for (int from = 0; from < memberCount; from += pageSize) {
            List<CurationMember> page = members.subList(from, Math.min(memberCount, from + pageSize));
            Curator.Result decided = curation.decide(page, page.size(), memberCount - from - page.size());
            curation.committed(decided.boxes());
            boxes.addAll(decided.boxes());
        }

        BoxQuality quality = new BoxQuality(world.catalogue());
        double[] ratios = new double[memberCount];
        Map<UUID, Integer> used = new HashMap<>();
        for (int i = 0; i < memberCount; i++) {
            CurationMember member = members.get(i);
            CuratedBox box = boxes.get(i);
            assertThat(box.memberId()).isEqualTo(member.memberId());
            assertThat(box.items())
                    .allSatisfy(item -> assertThat(SafetyRules.allows(member, item.product()))
                            .isTrue());
            box.items().forEach(item -> used.merge(item.product().productId(), 1, Integer::sum));
            ratios[i] = quality.ratio(
                    member,
                    box.items().stream().map(item -> item.product().productId()).toList());
        }
        BoxQuality.Distribution distribution = BoxQuality.Distribution.of(ratios);
        System.out.println("[quality] " + distribution);

        assertThat(distribution.average()).isGreaterThanOrEqualTo(0.97);
        assertThat(distribution.worst()).isGreaterThanOrEqualTo(0.85);
        for (Product product : world.catalogue()) {
            assertThat(used.getOrDefault(product.productId(), 0) + curation.stockLeft(product.productId()))
                    .as("units of %s used and left", product.sku())
                    .isEqualTo(product.stock());
        }
    }
}
