package com.dcbeacon.box.curation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How well a safe product suits a member, with the reason a person would give. Liked categories and what
 * the member loved (4–5 stars) weigh most; novelty counts; a box with several items of one category or
 * brand scores lower, so boxes stay varied.
 */
public final class TasteScore {

    public static final int LIKED_CATEGORY = 30;
    public static final int LIKE_SOMETHING_LOVED = 20;
    public static final int NEW_TO_MEMBER = 5;
    public static final int SAME_CATEGORY_IN_BOX = -15;
    public static final int SAME_BRAND_IN_BOX = -10;
    /** From this many stars a rating counts as loved: products of its category score {@link #LIKE_SOMETHING_LOVED}. */
    public static final int LOVED_RATING = 4;
    /** A sponsored item must be at least this good a pick on its own merits. */
    public static final int GOOD_PICK = LIKE_SOMETHING_LOVED;

    public record Scored(int score, String reason) {}

    private TasteScore() {}

    public static Scored score(
            CurationMember member, Product product, List<CuratedBox.Item> boxSoFar, Map<UUID, Product> catalogue) {
        int score = 0;
        String reason = null;
        Optional<Product> loved = lovedInSameCategory(member, product, catalogue);
        if (loved.isPresent()) {
            score += LIKE_SOMETHING_LOVED;
            reason = "because you rated " + loved.get().name() + " "
                    + member.ratings().get(loved.get().productId()) + " stars";
        }
        if (member.likedCategories().contains(product.category())) {
            score += LIKED_CATEGORY;
            reason = reason == null ? "from " + product.category() + ", a category you like" : reason;
        }
        boolean isNew = !member.ratings().containsKey(product.productId());
        if (isNew) {
            score += NEW_TO_MEMBER;
            reason = reason == null ? "something new for you to try" : reason;
        } else if (reason == null) {
            reason = "you rated it " + member.ratings().get(product.productId()) + " stars before";
        }
        for (CuratedBox.Item item : boxSoFar) {
            if (item.product().category().equals(product.category())) {
                score += SAME_CATEGORY_IN_BOX;
            }
            if (item.product().brandId().equals(product.brandId())) {
                score += SAME_BRAND_IN_BOX;
            }
        }
        return new Scored(score, reason);
    }

    /**
     * The member's taste made ready to score many products: the points of {@link #score}, without its reason. A run
     * scores every safe product for every member and needs the reason only for the items it picks.
     */
    public static Points points(CurationMember member, Map<UUID, Product> catalogue) {
        return new Points(member, catalogue);
    }

    /** Scores as {@link #score} does; built once per member and catalogue. */
    public static final class Points {
        private final CurationMember member;
        /** Per category, how many products of it the member loved (in the catalogue), and one of them. */
        private final Map<String, Integer> lovedCount = new HashMap<>();

        private final Map<String, UUID> lovedOne = new HashMap<>();

        private Points(CurationMember member, Map<UUID, Product> catalogue) {
            this.member = member;
            member.ratings().forEach((productId, stars) -> {
                Product loved = stars >= LOVED_RATING ? catalogue.get(productId) : null;
                if (loved != null) {
                    lovedCount.merge(loved.category(), 1, Integer::sum);
                    lovedOne.put(loved.category(), productId);
                }
            });
        }

        /**
         * {@link #of} next to an empty box for a product of {@code category} that the member has not rated: the same
         * for every such product of the category, so a run works it out once per category rather than once per product.
         * (A loved product is a rated one, so it is never the product scored here.)
         */
        public int ofUnrated(String category) {
            int score = NEW_TO_MEMBER;
            if (lovedCount.getOrDefault(category, 0) > 0) {
                score += LIKE_SOMETHING_LOVED;
            }
            if (member.likedCategories().contains(category)) {
                score += LIKED_CATEGORY;
            }
            return score;
        }

        /** {@code score(member, product, boxSoFar, catalogue).score()}. */
        public int of(Product product, List<CuratedBox.Item> boxSoFar) {
            return alone(product) + nextTo(product, boxSoFar);
        }

        /** {@link #of} next to an empty box. */
        int alone(Product product) {
            int score = 0;
            int loved = lovedCount.getOrDefault(product.category(), 0);
            // Something else the member loved in the same category: the product itself does not count.
            if (loved > 1 || (loved == 1 && !lovedOne.get(product.category()).equals(product.productId()))) {
                score += LIKE_SOMETHING_LOVED;
            }
            if (member.likedCategories().contains(product.category())) {
                score += LIKED_CATEGORY;
            }
            if (!member.ratings().containsKey(product.productId())) {
                score += NEW_TO_MEMBER;
            }
            return score;
        }
    }

    /**
     * What a box so far takes off a product's score: {@link #SAME_CATEGORY_IN_BOX} for each item of its category,
     * {@link #SAME_BRAND_IN_BOX} for each of its brand (0 or less).
     */
    static int nextTo(Product product, List<CuratedBox.Item> boxSoFar) {
        int score = 0;
        for (CuratedBox.Item item : boxSoFar) {
            if (item.product().category().equals(product.category())) {
                score += SAME_CATEGORY_IN_BOX;
            }
            if (item.product().brandId().equals(product.brandId())) {
                score += SAME_BRAND_IN_BOX;
            }
        }
        return score;
    }

    private static Optional<Product> lovedInSameCategory(
            CurationMember member, Product product, Map<UUID, Product> catalogue) {
        if (member.ratings().isEmpty()) {
            return Optional.empty();
        }
        return member.ratings().entrySet().stream()
                .filter(e -> e.getValue() >= LOVED_RATING && !e.getKey().equals(product.productId()))
                .map(e -> catalogue.get(e.getKey()))
                .filter(p -> p != null && p.category().equals(product.category()))
                .findFirst();
    }
}
