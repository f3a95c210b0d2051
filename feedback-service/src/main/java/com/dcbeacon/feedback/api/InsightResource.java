package com.dcbeacon.feedback.api;

import com.dcbeacon.feedback.domain.InsightPolicy;
import com.dcbeacon.feedback.domain.Rating;
import com.dcbeacon.platform.events.Cycle;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.security.TenantAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a brand learns about its products: aggregates over at least 5 distinct members, never a member id, name,
 * comment or allergen.
 */
@Path("/api/brands/{brandId}/insights")
@Produces(MediaType.APPLICATION_JSON)
public class InsightResource {

    public record ProductInsight(UUID productId, String sku, boolean suppressed, Integer ratings, BigDecimal averageStars,
            Map<Integer, Long> distribution, BigDecimal shareFourOrFive) {
    }

    private final TenantAccess access;

    public InsightResource(TenantAccess access) {
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.BRAND, Roles.OPS})
    public List<ProductInsight> insights(@PathParam("brandId") UUID brandId,
            @QueryParam("cycle") @Pattern(regexp = Cycle.PATTERN, message = Cycle.MESSAGE) String cycle) {
        access.requireBrand(brandId, true);
        Map<UUID, List<Rating>> byProduct = Rating.<Rating>list("brandId", brandId).stream()
                .collect(Collectors.groupingBy(r -> r.productId, TreeMap::new, Collectors.toList()));
        return byProduct.values().stream()
                .filter(all -> cycle == null || all.stream().anyMatch(r -> r.cycle.equals(cycle)))
                .map(all -> insight(all, cycle)).toList();
    }

    private static ProductInsight insight(List<Rating> all, String cycle) {
        List<InsightPolicy.Rater> raters = all.stream().map(r -> new InsightPolicy.Rater(r.raterRef, r.cycle)).toList();
        boolean shown = cycle == null ? InsightPolicy.showTotal(raters) : InsightPolicy.shownCycles(raters).contains(cycle);
        Rating any = all.get(0);
        if (!shown) {
            return new ProductInsight(any.productId, any.sku, true, null, null, null, null);
        }
        List<Rating> selected = cycle == null ? all : all.stream().filter(r -> r.cycle.equals(cycle)).toList();
        Map<Integer, Long> distribution = new TreeMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            int s = stars;
            distribution.put(stars, selected.stream().filter(r -> r.stars == s).count());
        }
        int count = selected.size();
        BigDecimal average = BigDecimal.valueOf(selected.stream().mapToInt(r -> r.stars).sum())
                .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        BigDecimal share = BigDecimal.valueOf(100L * (distribution.get(4) + distribution.get(5)))
                .divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
        return new ProductInsight(any.productId, any.sku, false, count, average, distribution, share);
    }
}
