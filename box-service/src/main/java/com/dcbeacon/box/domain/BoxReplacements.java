package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.curation.Product;
import com.dcbeacon.box.curation.Replacement;
import com.dcbeacon.box.curation.SafetyRules;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which catalogue products a box may hold, and the best safe item to put in a box in place of others
 * ({@link Replacement}: every hard rule of curation holds for it).
 */
@ApplicationScoped
public class BoxReplacements {

    private final CatalogueProductRepository catalogue;

    public BoxReplacements(CatalogueProductRepository catalogue) {
        this.catalogue = catalogue;
    }

    /** Products curation may place: published, in stock, not under review (managed entities). */
    public List<CatalogueProduct> curatableProducts() {
        return catalogue.curatable();
    }

    /** As {@link #curatableProducts()}, as curation reads them. */
    public List<Product> curatableCatalogue() {
        return curatableProducts().stream().map(BoxReplacements::toProduct).toList();
    }

    /** True when the item may stay in the member's box: its product is still curatable and safe for the member. */
    public boolean stillSafe(Box.Item item, CurationMember member) {
        CatalogueProduct product = catalogue.findById(item.productId());
        return product != null && curatable(product) && SafetyRules.allows(member, toProduct(product));
    }

    /**
     * True when the member may add units of the product to their box themselves (a one-time add-on): the same hard rules
     * as every item of a box (curatable: published, not recalled, not under review; {@link SafetyRules}: no declared or
     * "may contain" allergen, every diet met, nothing rated 1–2 stars, no disliked category), except "nothing received
     * in the last three cycles", which keeps curated boxes varied and does not apply to what the member asks for again
     * (a product they rated 4–5 stars passes the rating rule).
     */
    public boolean allowedAsAddOn(CatalogueProduct product, CurationMember member) {
        return product != null
                && curatable(product)
                && SafetyRules.allows(member.withoutRecentHistory(), toProduct(product));
    }

    /**
     * The best safe item to add to the box for this member, never one of {@code excluded}, from the curatable products;
     * its product row-locked and curatable as it is now ({@link #replacement(Box, CurationMember, Set, List)}).
     */
    public Optional<Box.Item> replacement(Box box, CurationMember member, Set<UUID> excluded) {
        return replacement(box, member, excluded, curatableProducts());
    }

    /**
     * The best safe item to add to the box for this member, never one of {@code excluded}, from {@code candidates}
     * (managed entities, so stock taken by earlier replacements in the same transaction is seen). The pick's product is
     * row-locked and read again before it is answered: a candidate recalled, retired, put under review or sold out
     * since the candidates were read is passed over for the next best, so the caller never places it.
     */
    public Optional<Box.Item> replacement(
            Box box, CurationMember member, Set<UUID> excluded, List<CatalogueProduct> candidates) {
        // The items that stay: the variety score is reckoned against them, and none of them is picked again.
        List<Product> staying = box.items.stream()
                .filter(i -> !excluded.contains(i.productId()))
                .map(i -> catalogue.findById(i.productId()))
                .filter(Objects::nonNull)
                .map(BoxReplacements::toProduct)
                .toList();
        Set<UUID> notAgain = new HashSet<>(excluded);
        box.items.forEach(i -> notAgain.add(i.productId()));
        while (true) {
            List<Product> offered = candidates.stream()
                    .filter(p -> p.stock > 0 && curatable(p) && !notAgain.contains(p.productId))
                    .map(BoxReplacements::toProduct)
                    .toList();
            Optional<CuratedBox.Item> pick = Replacement.pick(member, staying, notAgain, offered);
            if (pick.isEmpty()) {
                return Optional.empty();
            }
            UUID picked = pick.get().product().productId();
            // The pick and the products leaving the box (released by the caller) are locked together in ascending id
            // order, after the box's row: a curation page's commit and a swap or pack locking the same two products
            // never deadlock. (A further pick after a candidate is passed over, or a second replacement in one box,
            // locks after rows this transaction holds; PostgreSQL's deadlock detection and a retry stay the backstop.)
            Set<UUID> moving = new HashSet<>(excluded);
            moving.add(picked);
            catalogue.lockAscending(moving);
            CatalogueProduct now = catalogue.findById(picked);
            if (now != null && now.stock > 0 && curatable(now)) {
                return pick.map(Box.Item::of); // a replacement is never sponsored (Replacement.pick)
            }
            notAgain.add(picked);
        }
    }

    static boolean curatable(CatalogueProduct p) {
        return p.status == ProductStatus.PUBLISHED && !p.underReview;
    }

    static Product toProduct(CatalogueProduct p) {
        return new Product(
                p.productId,
                p.brandId,
                p.brandName,
                p.sku,
                p.name,
                p.category,
                Set.copyOf(p.allergens),
                Set.copyOf(p.mayContain),
                Set.copyOf(p.dietaryTags),
                p.stock);
    }
}
