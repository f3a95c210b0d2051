package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A run split into shards: every member falls in exactly one shard, the shares of every product add up to its units,
 * and three shards with a leftover pass curate as well as one run (the benchmark's world at 1,000 members over 1,000
 * products, stock 1.3 times the slots).
 */
class ShardPlanTest {

    /** Members per page: about 3 units of each product per page, as in the benchmark's pages of 500. */
    private static final int PAGE = 250;

    @Property(tries = 200)
    void everyMemberIsInExactlyOneShard(
            @ForAll @IntRange(min = 1, max = 12) int shards, @ForAll long high, @ForAll long low) {
        UUID member = new UUID(high, low);
        long holding = ShardPlan.ranges(shards).stream()
                .filter(r -> contains(r, member))
                .count();
        assertThat(holding).isEqualTo(1);
        ShardPlan.ranges(shards)
                .forEach(r -> assertThat(contains(r, r.startWithin(member)))
                        .as("a shard's pages start inside its range")
                        .isTrue());
    }

    @Property(tries = 300)
    void sharesAddUpToTheUnitsAndFollowTheMembers(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 500) Integer> members,
            @ForAll @Size(max = 20) List<@IntRange(min = -3, max = 200) Integer> units) {
        long[] counts = members.stream().mapToLong(Integer::longValue).toArray();
        long all = members.stream().mapToLong(Integer::longValue).sum();
        Map<UUID, Integer> products = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            products.put(new UUID(3, i), units.get(i));
        }
        List<Map<UUID, Integer>> shares = ShardPlan.split("2032-02", products, counts, "stock");
        assertThat(shares).hasSize(counts.length);
        products.forEach((product, n) -> {
            int sum = 0;
            for (int k = 0; k < counts.length; k++) {
                int share = shares.get(k).get(product);
                assertThat(share).isNotNegative();
                if (k == 0 && all > 0 && counts.length > 1) {
                    // The first shard's share is its members' proportion of the units, rounded down or up.
                    long scaled = (long) Math.max(0, n) * counts[0];
                    assertThat((long) share).isBetween(scaled / all, (scaled + all - 1) / all);
                }
                sum += share;
            }
            assertThat(sum).isEqualTo(Math.max(0, n));
        });
    }

    @Test
    void threeShardsWithALeftoverPassCurateAsWellAsOneRun() {
        int memberCount = 1_000;
        SnackWorld world = new SnackWorld(42, memberCount, 1_000);
        List<CurationMember> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            members.add(world.nextMember());
        }
        members.sort(Comparator.comparing(m -> ShardPlan.toNumber(m.memberId())));
        BoxQuality quality = new BoxQuality(world.catalogue());

        Map<UUID, CuratedBox> single = new HashMap<>();
        PagedCuration one = new PagedCuration("2032-03", world.catalogue(), List.of());
        inPages(members, one).forEach(b -> single.put(b.memberId(), b));

        List<ShardPlan.Range> ranges = ShardPlan.ranges(3);
        long[] counts = ranges.stream()
                .mapToLong(r ->
                        members.stream().filter(m -> contains(r, m.memberId())).count())
                .toArray();
        Map<UUID, Integer> stock = new HashMap<>();
        world.catalogue().forEach(p -> stock.put(p.productId(), p.stock()));
        List<Map<UUID, Integer>> shares = ShardPlan.split("2032-03", stock, counts, "shard stock");
        Map<UUID, CuratedBox> sharded = new HashMap<>();
        Map<UUID, Integer> used = new HashMap<>();
        for (int k = 0; k < ranges.size(); k++) {
            ShardPlan.Range range = ranges.get(k);
            Map<UUID, Integer> share = shares.get(k);
            PagedCuration shard = new PagedCuration(
                    "2032-03",
                    world.catalogue().stream()
                            .map(p -> p.withStock(share.get(p.productId())))
                            .toList(),
                    List.of());
            Map<UUID, Integer> usedByShard = new HashMap<>();
            for (CuratedBox box : inPages(
                    members.stream().filter(m -> contains(range, m.memberId())).toList(), shard)) {
                sharded.put(box.memberId(), box);
                box.items().forEach(i -> {
                    used.merge(i.product().productId(), 1, Integer::sum);
                    usedByShard.merge(i.product().productId(), 1, Integer::sum);
                });
            }
            for (Map.Entry<UUID, Integer> product : share.entrySet()) {
                assertThat(shard.stockLeft(product.getKey()) + usedByShard.getOrDefault(product.getKey(), 0))
                        .as("a shard never takes beyond its share")
                        .isEqualTo(product.getValue());
            }
        }
        // The leftover pass: members left without a single item, over the units every shard left.
        List<CurationMember> boxless = members.stream()
                .filter(m -> sharded.get(m.memberId()).items().isEmpty())
                .toList();
        PagedCuration leftover = new PagedCuration(
                "2032-03",
                world.catalogue().stream()
                        .map(p -> p.withStock(p.stock() - used.getOrDefault(p.productId(), 0)))
                        .toList(),
                List.of());
        inPages(boxless, leftover).forEach(b -> {
            sharded.put(b.memberId(), b);
            b.items().forEach(i -> used.merge(i.product().productId(), 1, Integer::sum));
        });

        double[] singleRatios = new double[memberCount];
        double[] shardedRatios = new double[memberCount];
        for (int i = 0; i < memberCount; i++) {
            CurationMember member = members.get(i);
            CuratedBox box = sharded.get(member.memberId());
            assertThat(box.items())
                    .allSatisfy(item -> assertThat(SafetyRules.allows(member, item.product()))
                            .isTrue());
            singleRatios[i] = quality.ratio(member, ids(single.get(member.memberId())));
            shardedRatios[i] = quality.ratio(member, ids(box));
        }
        BoxQuality.Distribution one1 = BoxQuality.Distribution.of(singleRatios);
        BoxQuality.Distribution three = BoxQuality.Distribution.of(shardedRatios);
        System.out.println("[shards] one run " + one1 + "; three shards " + three);
        assertThat(three.average()).isGreaterThanOrEqualTo(one1.average() * 0.99);
        assertThat(three.worst()).isGreaterThanOrEqualTo(0.85);
        for (Product product : world.catalogue()) {
            assertThat(used.getOrDefault(product.productId(), 0))
                    .as("units of %s used", product.sku())
                    .isLessThanOrEqualTo(product.stock());
        }
        Set<UUID> boxed = new HashSet<>(sharded.keySet());
        assertThat(boxed).hasSize(memberCount);
    }

    private static List<CuratedBox> inPages(List<CurationMember> members, PagedCuration curation) {
        List<CuratedBox> boxes = new ArrayList<>();
        for (int from = 0; from < members.size(); from += PAGE) {
            List<CurationMember> page = members.subList(from, Math.min(members.size(), from + PAGE));
            Curator.Result decided = curation.decide(page, page.size(), members.size() - from - page.size());
            curation.committed(decided.boxes());
            boxes.addAll(decided.boxes());
        }
        return boxes;
    }

    private static List<UUID> ids(CuratedBox box) {
        return box.items().stream().map(i -> i.product().productId()).toList();
    }

    private static boolean contains(ShardPlan.Range range, UUID id) {
        BigInteger n = ShardPlan.toNumber(id);
        return (range.from() == null || n.compareTo(ShardPlan.toNumber(range.from())) >= 0)
                && (range.to() == null || n.compareTo(ShardPlan.toNumber(range.to())) < 0);
    }
}
