package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.RatingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a brand learns about its products from their ratings: aggregates only, each shown or suppressed by
 * {@link InsightPolicy}; never a member id, name, comment or allergen.
 */
@ApplicationScoped
public class ProductInsights {

    /**
     * One product's figures: number of ratings, average stars (two decimals), count per star (1–5) and the share
     * of 4 and 5 stars in percent (one decimal); all null when {@code suppressed}.
     */
    public record ProductInsight(
            UUID productId,
            String sku,
            boolean suppressed,
            Integer ratings,
            BigDecimal averageStars,
            Map<Integer, Long> distribution,
            BigDecimal shareFourOrFive) {}

    private final RatingRepository ratings;

    public ProductInsights(RatingRepository ratings) {
        this.ratings = ratings;
    }

    /**
     * One entry per rated product of the brand, by product id, over all cycles, or over one cycle
     * ({@code YYYY-MM}; products without a rating in it left out) when {@code cycle} is not null.
     */
    public List<ProductInsight> forBrand(UUID brandId, String cycle) {
        Map<UUID, List<Rating>> byProduct = ratings.ofBrand(brandId).stream()
                .collect(Collectors.groupingBy(r -> r.productId, TreeMap::new, Collectors.toList()));
        return byProduct.values().stream()
                .filter(all -> cycle == null || all.stream().anyMatch(r -> r.cycle.equals(cycle)))
                .map(all -> insight(all, cycle))
                .toList();
    }

    private static ProductInsight insight(List<Rating> all, String cycle) {
        List<InsightPolicy.Rater> raters = all.stream()
                .map(r -> new InsightPolicy.Rater(r.raterRef, r.cycle))
                .toList();
        boolean shown = cycle == null
                ? InsightPolicy.showTotal(raters)
                : InsightPolicy.shownCycles(raters).contains(cycle);
        Rating any = all.get(0);
        if (!shown) {
            return new ProductInsight(any.productId, any.sku, true, null, null, null, null);
        }
        List<Rating> selected = cycle == null
                ? all
                : all.stream().filter(r -> r.cycle.equals(cycle)).toList();
        Map<Integer, Long> distribution = new TreeMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            int s = stars;
            distribution.put(stars, selected.stream().filter(r -> r.stars == s).count());
        }
        int count = selected.size();
        BigDecimal average = BigDecimal.valueOf(
                        selected.stream().mapToInt(r -> r.stars).sum())
                .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        BigDecimal share = BigDecimal.valueOf(100L * (distribution.get(4) + distribution.get(5)))
                .divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
        return new ProductInsight(any.productId, any.sku, false, count, average, distribution, share);
    }
}
