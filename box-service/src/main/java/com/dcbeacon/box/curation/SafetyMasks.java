package com.dcbeacon.box.curation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link SafetyRules} compiled for one catalogue, so that checking every product for every member of a page is
 * arithmetic rather than set look-ups: each product's allergens and "may contain" as one bit mask, its dietary tags as
 * another, its category as a number; a member's allergens and diets as masks over the same bits, their disliked
 * categories, low ratings and recently received products marked by number. {@link SafetyRules#allows} stays the rule;
 * this is the same rule, answered for a product's place in the catalogue list (tested against it property by property).
 * The catalogue's numbering ({@link #place}) is the one the curator's shelf uses, so a member's rated products are
 * marked here once, for the rules and for the taste score alike. Each product id may appear once in the catalogue. A
 * catalogue with more than 64 distinct allergens or dietary tags (the EU list has 14 allergens, Regulation (EU) No
 * 1169/2011, Annex II) falls back to {@link SafetyRules#allows} product by product. Not thread-safe: one member at a
 * time is asked ({@link #forMember} refuses a second while the first is not {@link Member#done}), since the marks are
 * scratch arrays shared by all members.
 */
final class SafetyMasks {

    private final Product[] products;
    /** Each product id's place in the catalogue list. */
    private final Map<UUID, Integer> index = new HashMap<>();
    /** False when the allergens or tags do not fit in 64 bits: every check goes to {@link SafetyRules#allows}. */
    private final boolean masked;

    private final Map<String, Long> allergenBits = new HashMap<>();
    private final Map<String, Long> dietBits = new HashMap<>();
    private final Map<String, Integer> categoryNumbers = new HashMap<>();
    /** Per product: its allergens and "may contain" together; its dietary tags; its category's number. */
    private final long[] avoid;

    private final long[] diets;
    private final int[] category;
    /**
     * Scratch for one member at a time, false between members: categories they dislike, products they rated low or
     * received recently, products they rated at all.
     */
    private final boolean[] dislikedCategory;

    private final boolean[] excluded;
    private final boolean[] rated;
    /** The member being asked, null between members. */
    private Member active;

    SafetyMasks(List<Product> catalogue) {
        int n = catalogue.size();
        products = catalogue.toArray(Product[]::new);
        avoid = new long[n];
        diets = new long[n];
        category = new int[n];
        boolean fits = true;
        for (int i = 0; i < n; i++) {
            Product product = products[i];
            if (index.put(product.productId(), i) != null) {
                // A product's marks (rated low, received) would reach only one of its places: refuse.
                throw new IllegalArgumentException("product " + product.productId() + " twice in the catalogue");
            }
            category[i] = categoryNumbers.computeIfAbsent(product.category(), c -> categoryNumbers.size());
            fits &= number(product.allergens(), allergenBits) && number(product.mayContain(), allergenBits);
            fits &= number(product.dietaryTags(), dietBits);
            avoid[i] = mask(product.allergens(), allergenBits) | mask(product.mayContain(), allergenBits);
            diets[i] = mask(product.dietaryTags(), dietBits);
        }
        masked = fits;
        dislikedCategory = new boolean[categoryNumbers.size()];
        excluded = new boolean[n];
        rated = new boolean[n];
    }

    /** The number of products in the catalogue. */
    int size() {
        return products.length;
    }

    /** The product at place {@code i} of the catalogue list. */
    Product product(int i) {
        return products[i];
    }

    /** The place of a product in the catalogue list, or null when it is not in the catalogue. */
    Integer place(UUID productId) {
        return index.get(productId);
    }

    /** Gives each name not yet numbered the next bit; false once there are more than 64. */
    private static boolean number(Set<String> names, Map<String, Long> bits) {
        for (String name : names) {
            if (!bits.containsKey(name)) {
                if (bits.size() == Long.SIZE) {
                    return false;
                }
                bits.put(name, 1L << bits.size());
            }
        }
        return true;
    }

    /** The bits of the names that have one; names no product carries have none. */
    private static long mask(Set<String> names, Map<String, Long> bits) {
        long mask = 0;
        for (String name : names) {
            mask |= bits.getOrDefault(name, 0L);
        }
        return mask;
    }

    /**
     * The rules of one member, ready to be asked product by product. Call {@link Member#done} (in a {@code finally})
     * before asking for the next member.
     *
     * @throws IllegalStateException while another member's rules are not done: their marks would mix
     */
    Member forMember(CurationMember member) {
        if (active != null) {
            throw new IllegalStateException("the rules of member " + active.member.memberId() + " are not done");
        }
        active = new Member(member);
        return active;
    }

    /** One member's hard rules over the catalogue. */
    final class Member {
        private final CurationMember member;
        private final long allergens;
        private final long needs;
        /** A dietary tag of the member that no product carries: nothing meets every tag of theirs. */
        private final boolean unmetDiet;

        /** The places marked in {@code excluded} or {@code rated}, to be cleared by {@link #done}. */
        private final int[] marked;

        private int markedCount;

        private Member(CurationMember member) {
            this.member = member;
            // An allergen no product carries cannot be in any product: it needs no bit.
            this.allergens = mask(member.allergens(), allergenBits);
            this.needs = mask(member.dietaryTags(), dietBits);
            this.unmetDiet = !dietBits.keySet().containsAll(member.dietaryTags());
            for (String disliked : member.dislikedCategories()) {
                Integer c = categoryNumbers.get(disliked);
                if (c != null) {
                    dislikedCategory[c] = true;
                }
            }
            marked = new int[member.ratings().size() + member.recentlyReceived().size()];
            member.ratings().forEach((productId, stars) -> {
                Integer i = index.get(productId);
                if (i != null) {
                    rated[i] = true;
                    marked[markedCount++] = i;
                    excluded[i] = stars < SafetyRules.LOWEST_ACCEPTABLE_RATING;
                }
            });
            for (UUID productId : member.recentlyReceived()) {
                Integer i = index.get(productId);
                if (i != null && !excluded[i]) {
                    excluded[i] = true;
                    if (!rated[i]) {
                        marked[markedCount++] = i;
                    }
                }
            }
        }

        /** Whether the member rated the product at place {@code i} (any number of stars). */
        boolean rated(int i) {
            return rated[i];
        }

        /** {@code SafetyRules.allows(member, catalogue.get(i))}. */
        boolean allows(int i) {
            if (!masked) {
                return SafetyRules.allows(member, products[i]);
            }
            return !unmetDiet
                    && (avoid[i] & allergens) == 0
                    && (diets[i] & needs) == needs
                    && !dislikedCategory[category[i]]
                    && !excluded[i];
        }

        /** Clears the scratch marks of this member, so the next member can be asked. */
        void done() {
            if (active != this) {
                return; // done already
            }
            active = null;
            for (int k = 0; k < markedCount; k++) {
                excluded[marked[k]] = false;
                rated[marked[k]] = false;
            }
            markedCount = 0;
            for (String disliked : member.dislikedCategories()) {
                Integer c = categoryNumbers.get(disliked);
                if (c != null) {
                    dislikedCategory[c] = false;
                }
            }
        }
    }
}
