package com.dcbeacon.feedback.domain;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * "Use my data, don't abuse it": a brand sees a product's figures only from at least 5 distinct members.
 * Figures are offered per product for all cycles and per cycle; so that no difference between them isolates
 * fewer than 5 members, the raters of the suppressed cycles together must be none or at least 5: if not,
 * the smallest shown cycle is suppressed too, until they are.
 */
public final class InsightPolicy {

    public static final int MINIMUM_MEMBERS = 5;

    /** One rating as the policy sees it: who (an opaque ref) rated in which cycle. */
    public record Rater(UUID raterRef, String cycle) {}

    private InsightPolicy() {}

    /** The cycles whose figures may be shown for one product. */
    public static Set<String> shownCycles(List<Rater> ratings) {
        Map<String, Set<UUID>> ratersByCycle = new TreeMap<>();
        for (Rater r : ratings) {
            ratersByCycle.computeIfAbsent(r.cycle(), c -> new HashSet<>()).add(r.raterRef());
        }
        Set<String> shown = ratersByCycle.entrySet().stream()
                .filter(e -> e.getValue().size() >= MINIMUM_MEMBERS)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(HashSet::new));
        while (true) {
            Set<UUID> residual = ratersByCycle.entrySet().stream()
                    .filter(e -> !shown.contains(e.getKey()))
                    .flatMap(e -> e.getValue().stream())
                    .collect(Collectors.toSet());
            if (residual.isEmpty() || residual.size() >= MINIMUM_MEMBERS || shown.isEmpty()) {
                return shown;
            }
            String smallest = shown.stream()
                    .min(Comparator.comparing((String c) -> ratersByCycle.get(c).size())
                            .thenComparing(c -> c))
                    .orElseThrow();
            shown.remove(smallest);
        }
    }

    public static boolean showTotal(List<Rater> ratings) {
        return ratings.stream().map(Rater::raterRef).distinct().count() >= MINIMUM_MEMBERS;
    }
}
