package com.dcbeacon.box.curation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Members, products and campaigns for the curation properties. The vocabularies are small on purpose, so
 * that allergens, diets, ratings, histories and product ids collide often.
 */
final class CurationArbitraries {

    static final List<String> ALLERGENS = List.of("PEANUTS", "MILK", "GLUTEN", "SESAME", "EGGS");
    static final List<String> DIETS = List.of("VEGAN", "VEGETARIAN", "GLUTEN_FREE");
    static final List<String> CATEGORIES = List.of("chips", "bars", "sweets", "nuts");
    static final List<UUID> PRODUCT_IDS =
            IntStream.range(0, 30).mapToObj(i -> new UUID(1, i)).toList();
    static final List<UUID> BRANDS =
            IntStream.range(0, 4).mapToObj(i -> new UUID(2, i)).toList();

    private CurationArbitraries() {}

    /** A product with up to two allergens, two "may contain", two diets and 0–6 units of stock. */
    static Arbitrary<Product> products() {
        Arbitrary<Set<String>> someAllergens = Arbitraries.of(ALLERGENS).set().ofMaxSize(2);
        Arbitrary<Set<String>> someDiets = Arbitraries.of(DIETS).set().ofMaxSize(2);
        return Combinators.combine(
                        Arbitraries.of(PRODUCT_IDS),
                        Arbitraries.of(BRANDS),
                        Arbitraries.of(CATEGORIES),
                        someAllergens,
                        someAllergens,
                        someDiets,
                        Arbitraries.integers().between(0, 6))
                .as((id, brand, category, allergens, mayContain, diets, stock) -> new Product(
                        id,
                        brand,
                        "Brand",
                        "SKU-" + id.getLeastSignificantBits(),
                        "Snack " + id.getLeastSignificantBits(),
                        category,
                        allergens,
                        mayContain,
                        diets,
                        stock));
    }

    /** Up to 25 products, each id at most once. */
    static Arbitrary<List<Product>> catalogues() {
        return products().list().ofMaxSize(25).uniqueElements(Product::productId);
    }

    /**
     * Up to 160 products, each id at most once: more safe products than a member's shortlist holds (96), so that the
     * candidates left out of it matter. The first 30 ids are those members rate and recently received.
     */
    static Arbitrary<List<Product>> wideCatalogues() {
        List<UUID> ids = IntStream.range(0, 200).mapToObj(i -> new UUID(1, i)).toList();
        return Combinators.combine(products(), Arbitraries.of(ids))
                .as((p, id) -> new Product(
                        id,
                        p.brandId(),
                        p.brandName(),
                        "SKU-" + id.getLeastSignificantBits(),
                        "Snack " + id.getLeastSignificantBits(),
                        p.category(),
                        p.allergens(),
                        p.mayContain(),
                        p.dietaryTags(),
                        p.stock()))
                .list()
                .ofMaxSize(160)
                .uniqueElements(Product::productId);
    }

    /** A member with a 1–6 item plan, ratings of up to six products and up to four recently received. */
    static Arbitrary<CurationMember> members() {
        Arbitrary<Map<UUID, Integer>> ratings = Arbitraries.maps(
                        Arbitraries.of(PRODUCT_IDS), Arbitraries.integers().between(1, 5))
                .ofMaxSize(6);
        return Combinators.combine(
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.of(ALLERGENS).set().ofMaxSize(2),
                        Arbitraries.of(DIETS).set().ofMaxSize(1),
                        Arbitraries.of(CATEGORIES).set().ofMaxSize(2),
                        Arbitraries.of(CATEGORIES).set().ofMaxSize(1),
                        ratings,
                        Arbitraries.of(PRODUCT_IDS).set().ofMaxSize(4))
                .as((size, allergens, diets, liked, disliked, rated, recent) -> {
                    Set<String> likedOnly = new HashSet<>(liked);
                    likedOnly.removeAll(disliked);
                    return new CurationMember(
                            UUID.randomUUID(), size, allergens, diets, likedOnly, disliked, rated, recent);
                });
    }

    static Arbitrary<List<Campaign>> campaigns() {
        return Combinators.combine(
                        Arbitraries.of(PRODUCT_IDS),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 2))
                .as(Campaign::new)
                .list()
                .ofMaxSize(4);
    }
}
