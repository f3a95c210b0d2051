package com.dcbeacon.box.curation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one item that fills a place in a box curated earlier: when the member swaps an item, when packing finds
 * an item no longer safe, when a product is recalled.
 *
 * <p>The pick obeys every hard rule of {@link SafetyRules} for the member (no declared or "may contain"
 * allergen of theirs, every dietary tag of theirs met, nothing they rated 1–2 stars, no disliked category,
 * nothing in {@link CurationMember#recentlyReceived()}), and besides: nothing already in the box, nothing
 * excluded by the caller, only products with stock. Among those it takes the best {@link TasteScore} next to
 * the items that stay in the box, so the variety penalties apply as they do in a curation run; ties go to the
 * lowest product id, so the same inputs give the same pick. A replacement is never sponsored: campaign units
 * are placed by the run. When no product passes, the answer is empty and the place stays empty; it is never
 * filled with an unsafe item.
 */
public final class Replacement {

    private Replacement() {}

    /**
     * The best safe item to add to a box.
     *
     * @param member the member's current profile; its {@code recentlyReceived} must hold every product of the
     *     member's boxes of the three cycles before this box's cycle, or that rule cannot hold.
     *     {@code itemsPerBox} is not read.
     * @param boxItemsNow the products that stay in the box next to the new item (not the one leaving it): they
     *     are never picked again and weigh on variety (same category, same brand)
     * @param excluded product ids never to pick whatever their score, such as the product being swapped out,
     *     recalled or found unsafe; empty when there are none
     * @param catalogue the products that may be picked, with the stock left now; a product with no stock is
     *     passed over. It is also where a product the member loved is looked up to explain a pick, as in a run.
     * @return the pick with its reason and its taste score, not sponsored; empty when no product passes every rule
     */
    public static Optional<CuratedBox.Item> pick(
            CurationMember member, List<Product> boxItemsNow, Set<UUID> excluded, List<Product> catalogue) {
        Map<UUID, Product> products = new LinkedHashMap<>();
        catalogue.forEach(p -> products.putIfAbsent(p.productId(), p));
        List<CuratedBox.Item> boxSoFar = new ArrayList<>();
        Set<UUID> notAgain = new HashSet<>(excluded);
        for (Product stays : boxItemsNow) {
            // Only category and brand of the items that stay are read, to score variety.
            boxSoFar.add(new CuratedBox.Item(stays, "already in the box", false, 0));
            notAgain.add(stays.productId());
        }
        CuratedBox.Item best = null;
        for (Product product : products.values()) {
            if (product.stock() <= 0
                    || notAgain.contains(product.productId())
                    || !SafetyRules.allows(member, product)) {
                continue;
            }
            TasteScore.Scored scored = TasteScore.score(member, product, boxSoFar, products);
            if (best == null
                    || scored.score() > best.score()
                    || (scored.score() == best.score()
                            && product.productId().compareTo(best.product().productId()) < 0)) {
                best = new CuratedBox.Item(product, scored.reason(), false, scored.score());
            }
        }
        return Optional.ofNullable(best);
    }
}
