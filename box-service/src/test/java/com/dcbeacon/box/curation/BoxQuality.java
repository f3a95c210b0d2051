package com.dcbeacon.box.curation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How good a member's box is: its score (item by item as the curator scores it, variety penalties included, no
 * sponsoring bonus) over the score of their best box with unlimited stock, clamped to [0, 1]; 1 where that best box
 * scores 0 or less. The benchmark and the tests measure with this one class.
 */
public final class BoxQuality {

    /** Average, percentiles (nearest rank) and worst of a set of ratios. */
    public record Distribution(int members, double average, double p1, double p5, double p50, double worst) {

        public static Distribution of(double[] ratios) {
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (double r : sorted) {
                sum += r;
            }
            return new Distribution(
                    sorted.length,
                    sorted.length == 0 ? Double.NaN : sum / sorted.length,
                    percentile(sorted, 1),
                    percentile(sorted, 5),
                    percentile(sorted, 50),
                    sorted.length == 0 ? Double.NaN : sorted[0]);
        }

        private static double percentile(double[] sorted, int p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        @Override
        public String toString() {
            return String.format(
                    "average %.3f, p1 %.3f, p5 %.3f, p50 %.3f, worst %.3f over %d members",
                    average, p1, p5, p50, worst, members);
        }
    }

    private final Map<UUID, Product> catalogue;
    private final List<Product> unlimited;

    public BoxQuality(List<Product> catalogue) {
        this.catalogue = new java.util.HashMap<>();
        catalogue.forEach(p -> this.catalogue.put(p.productId(), p));
        this.unlimited = catalogue.stream()
                .map(p -> new Product(
                        p.productId(),
                        p.brandId(),
                        p.brandName(),
                        p.sku(),
                        p.name(),
                        p.category(),
                        p.allergens(),
                        p.mayContain(),
                        p.dietaryTags(),
                        Integer.MAX_VALUE))
                .toList();
    }

    /**
     * The score of the member's best box with unlimited stock and no campaigns: item by item the best safe product next
     * to the items before it ({@link Replacement#pick}, which scans the whole catalogue), independent of how the curator
     * searches.
     */
    public int idealScore(CurationMember member) {
        List<Product> box = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < member.itemsPerBox(); i++) {
            java.util.Optional<CuratedBox.Item> pick = Replacement.pick(member, box, java.util.Set.of(), unlimited);
            if (pick.isEmpty()) {
                break;
            }
            box.add(pick.get().product());
            total += pick.get().score();
        }
        return total;
    }

    /** The box's score in the order its items were picked, without sponsoring bonus. */
    public int score(CurationMember member, List<UUID> productIds) {
        List<CuratedBox.Item> box = new ArrayList<>();
        int total = 0;
        for (UUID id : productIds) {
            Product product = catalogue.get(id);
            TasteScore.Scored scored = TasteScore.score(member, product, box, catalogue);
            box.add(new CuratedBox.Item(product, scored.reason(), false, scored.score()));
            total += scored.score();
        }
        return total;
    }

    public double ratio(CurationMember member, List<UUID> productIds) {
        int ideal = idealScore(member);
        return ideal <= 0 ? 1 : Math.max(0, Math.min(1, (double) score(member, productIds) / ideal));
    }
}
