package com.dcbeacon.box.curation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The benchmark's generated world, one piece for the benchmark and the unit tests: {@code products} products (half with
 * allergens, stock in all about 1.3 times the slots, spread unevenly from 1 to twice the average) and members handed
 * out one at a time (15 % with allergies, 10 % with a diet, 30 % with ratings; plans of 4, 8 or 20 items). The same
 * seed gives the same world, ids included.
 */
public final class SnackWorld {

    public static final List<String> ALLERGENS =
            List.of("GLUTEN", "MILK", "EGGS", "PEANUTS", "TREE_NUTS", "SOYBEANS", "SESAME");
    public static final List<String> DIETS = List.of("VEGAN", "VEGETARIAN", "GLUTEN_FREE");
    public static final List<String> CATEGORIES = List.of(
            "chips",
            "bars",
            "nuts",
            "sweets",
            "cookies",
            "crackers",
            "dried fruit",
            "popcorn",
            "jerky",
            "rice cakes",
            "chocolate",
            "pretzels");

    private final Random random;
    private final Random ids;
    private final List<Product> catalogue = new ArrayList<>();

    /** {@code members} only sets the stock (1.3 times the slots of that many members); members come from next(). */
    public SnackWorld(long seed, int members, int products) {
        random = new Random(seed);
        ids = new Random(seed + 1);
        int averageStock = (int) (members * 10L * 13 / 10 / products);
        for (int i = 0; i < products; i++) {
            catalogue.add(new Product(
                    id(),
                    new UUID(7, i % 150),
                    "Brand " + (i % 150),
                    "SKU-" + i,
                    "Snack " + i,
                    CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                    pick(ALLERGENS, 0.5, 2),
                    pick(ALLERGENS, 0.2, 1),
                    pick(DIETS, 0.4, 2),
                    1 + random.nextInt(2 * averageStock)));
        }
    }

    public List<Product> catalogue() {
        return catalogue;
    }

    public CurationMember nextMember() {
        Map<UUID, Integer> ratings = new HashMap<>();
        if (random.nextDouble() < 0.3) {
            for (int r = 0; r < 3; r++) {
                ratings.put(catalogue.get(random.nextInt(catalogue.size())).productId(), 1 + random.nextInt(5));
            }
        }
        return new CurationMember(
                id(),
                List.of(4, 8, 8, 20).get(random.nextInt(4)),
                pick(ALLERGENS, 0.15, 2),
                pick(DIETS, 0.1, 1),
                pick(CATEGORIES, 0.8, 3),
                pick(CATEGORIES, 0.3, 1),
                ratings,
                Set.of());
    }

    private UUID id() {
        return new UUID(ids.nextLong(), ids.nextLong());
    }

    private Set<String> pick(List<String> from, double chance, int max) {
        Set<String> picked = new TreeSet<>();
        if (random.nextDouble() < chance) {
            int n = 1 + random.nextInt(max);
            for (int i = 0; i < n; i++) {
                picked.add(from.get(random.nextInt(from.size())));
            }
        }
        return picked;
    }
}
