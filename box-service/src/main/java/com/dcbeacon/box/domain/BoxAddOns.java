package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.platform.problem.ProblemDetail;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One-time add-ons: while the box is open for swaps (CURATED), its member adds extra units of a product that passes
 * their hard rules ({@link BoxReplacements#allowedAsAddOn}), within the per-product and per-box limits, at the
 * configured unit price, or removes them. Stock moves with each change as for any item. The add-ons are charged with
 * the box when it ships (BoxShipped carries them), and go with it when it is withdrawn.
 */
@ApplicationScoped
public class BoxAddOns {

    /** What adding would cost, shown before the member confirms; the same checks as the add itself. */
    public record Quote(
            UUID productId,
            String name,
            int quantity,
            long unitPriceCents,
            long addOnCents,
            long boxPriceCents,
            long addOnsCents,
            long totalCents,
            String currency) {}

    /**
     * A product the member may add to the box now: {@code unitPriceCents} the price an add fixes (that of the box's
     * add-on of the product when it has one), {@code heldUnits} the units of it the box already holds as an add-on.
     */
    public record Option(
            UUID productId,
            String sku,
            String name,
            String brandName,
            String category,
            long unitPriceCents,
            String currency,
            int heldUnits) {}

    private final BoxRepository boxes;
    private final CatalogueProductRepository catalogue;
    private final CurationMembers members;
    private final BoxReplacements rules;
    private final StockMovements stock;
    private final long unitPriceCents;
    private final int maxUnitsPerProduct;
    private final int maxUnitsPerBox;

    public BoxAddOns(
            BoxRepository boxes,
            CatalogueProductRepository catalogue,
            CurationMembers members,
            BoxReplacements rules,
            StockMovements stock,
            @ConfigProperty(name = "dcbeacon.add-ons.unit-price-cents", defaultValue = "350") long unitPriceCents,
            @ConfigProperty(name = "dcbeacon.add-ons.max-units-per-product", defaultValue = "3") int maxUnitsPerProduct,
            @ConfigProperty(name = "dcbeacon.add-ons.max-units-per-box", defaultValue = "5") int maxUnitsPerBox) {
        if (unitPriceCents < 0 || maxUnitsPerProduct < 1 || maxUnitsPerBox < 1) {
            throw new IllegalArgumentException("dcbeacon.add-ons: the price cannot be negative, the limits at least 1");
        }
        this.boxes = boxes;
        this.catalogue = catalogue;
        this.members = members;
        this.rules = rules;
        this.stock = stock;
        this.unitPriceCents = unitPriceCents;
        this.maxUnitsPerProduct = maxUnitsPerProduct;
        this.maxUnitsPerBox = maxUnitsPerBox;
    }

    /** What adding {@code quantity} units would cost and make the box cost; nothing changes. */
    @Transactional
    public Quote quote(UUID boxId, UUID productId, int quantity) {
        Box box = boxes.findByIdOptional(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
        return check(box, catalogue.findById(productId), productId, quantity);
    }

    /**
     * The products the box's member may add to it now ({@link BoxReplacements#allowedAsAddOn}, in stock), by name; 409
     * once the box is packed or withdrawn, as for the add. Nothing changes; the add checks again.
     */
    @Transactional
    public List<Option> options(UUID boxId) {
        Box box = boxes.findByIdOptional(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
        requireCurated(box);
        CurationMember member = members.require(box.memberId, box.cycle, box.items.size());
        return rules.curatableProducts().stream()
                .filter(product -> rules.allowedAsAddOn(product, member))
                .sorted(Comparator.comparing((CatalogueProduct product) -> product.name)
                        .thenComparing(product -> product.productId))
                .map(product -> {
                    int at = position(box, product.productId);
                    Box.AddOn held = at < 0 ? null : box.addOns.get(at);
                    return new Option(
                            product.productId,
                            product.sku,
                            product.name,
                            product.brandName,
                            product.category,
                            held == null ? unitPriceCents : held.unitPriceCents(),
                            box.currency,
                            held == null ? 0 : held.quantity());
                })
                .toList();
    }

    /**
     * Adds {@code quantity} units of the product to the box (to its add-on of that product, if it has one, at that
     * add-on's unit price) and allocates them. 409 once the box is packed or withdrawn, while the member's preferences
     * have not arrived, or without stock for them; 422 naming {@code productId} for a product the member may not have,
     * {@code quantity} beyond a limit.
     */
    @Transactional
    public Box add(UUID boxId, UUID productId, int quantity) {
        Box box = lockedOpen(boxId);
        // Lock order: the box's row (above), then the product's, as a swap takes them.
        CatalogueProduct product = catalogue.lock(productId);
        Quote quote = check(box, product, productId, quantity);
        int at = position(box, productId);
        if (at < 0) {
            box.addOns.add(new Box.AddOn(
                    productId, product.sku, product.name, product.brandName, quantity, quote.unitPriceCents()));
        } else {
            Box.AddOn held = box.addOns.get(at);
            box.addOns.set(
                    at,
                    new Box.AddOn(
                            productId,
                            held.sku(),
                            held.name(),
                            held.brandName(),
                            held.quantity() + quantity,
                            held.unitPriceCents()));
        }
        stock.allocate(productId, quantity, box.cycle);
        boxes.flush();
        return box;
    }

    /** Removes the product's add-on from the open box and releases its units; 404 when the box has none of it. */
    @Transactional
    public Box remove(UUID boxId, UUID productId) {
        Box box = lockedOpen(boxId);
        if (pull(box, productId, "add-on removed by the member").isEmpty()) {
            throw ProblemException.notFound("box " + boxId + " has no add-on of product " + productId);
        }
        boxes.flush();
        return box;
    }

    /**
     * Drops the add-ons no longer allowed for the member (an allergen declared since, a recall or a review), releasing
     * their units; the names of those dropped. Runs in the caller's transaction, the box's row locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> dropUnsafe(Box box, CurationMember member) {
        List<Box.AddOn> unsafe = unsafe(box, member);
        for (Box.AddOn addOn : unsafe) {
            box.addOns.remove(addOn);
            stock.release(addOn.productId(), addOn.quantity(), box.cycle, "add-on no longer safe at packing");
        }
        return unsafe.stream().map(Box.AddOn::name).toList();
    }

    /**
     * The product's add-on leaves the box (a recall or a review), its units released; its name, or empty when the box
     * has none. Runs in the caller's transaction, the box's row locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> pull(Box box, UUID productId, String reason) {
        int at = position(box, productId);
        if (at < 0) {
            return Optional.empty();
        }
        Box.AddOn removed = box.addOns.remove(at);
        stock.release(productId, removed.quantity(), box.cycle, reason);
        return Optional.of(removed.name());
    }

    /** The box's add-ons the member may no longer have. */
    public List<Box.AddOn> unsafe(Box box, CurationMember member) {
        return box.addOns.stream()
                .filter(a -> !rules.allowedAsAddOn(catalogue.findById(a.productId()), member))
                .toList();
    }

    /** Every add-on goes back to stock with its withdrawn box. Runs in the withdrawal's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseAll(Box box, String reason) {
        box.addOns.forEach(a -> stock.release(a.productId(), a.quantity(), box.cycle, reason));
    }

    private Box lockedOpen(UUID boxId) {
        Box box = boxes.locked(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
        requireCurated(box);
        return box;
    }

    private Quote check(Box box, CatalogueProduct product, UUID productId, int quantity) {
        requireCurated(box);
        CurationMember member = members.require(box.memberId, box.cycle, box.items.size());
        if (!rules.allowedAsAddOn(product, member)) {
            throw unprocessable(
                    "productId",
                    "product " + productId + " cannot be added to your box: it is not available, or it does not suit"
                            + " your allergies, diets, ratings or dislikes");
        }
        int at = position(box, productId);
        int held = at < 0 ? 0 : box.addOns.get(at).quantity();
        if (quantity < 1 || held + quantity > maxUnitsPerProduct) {
            throw unprocessable(
                    "quantity",
                    "at most " + maxUnitsPerProduct + " add-on units of one product per box; this box holds " + held);
        }
        if (box.addOnUnits() + quantity > maxUnitsPerBox) {
            throw unprocessable(
                    "quantity",
                    "at most " + maxUnitsPerBox + " add-on units per box; this box holds " + box.addOnUnits());
        }
        if (product.stock < quantity) {
            throw ProblemException.conflict(
                    "only " + Math.max(0, product.stock) + " units of " + product.name + " are left, not " + quantity);
        }
        long price = at < 0 ? unitPriceCents : box.addOns.get(at).unitPriceCents();
        long addOnsCents = box.addOnsCents() + quantity * price;
        return new Quote(
                productId,
                product.name,
                quantity,
                price,
                quantity * price,
                box.priceCents,
                addOnsCents,
                box.priceCents + addOnsCents,
                box.currency);
    }

    private static void requireCurated(Box box) {
        if (box.status != BoxStatus.CURATED) {
            throw ProblemException.conflict(
                    "box " + box.id + " is " + box.status + "; add-ons can be changed only before packing");
        }
    }

    private static int position(Box box, UUID productId) {
        for (int i = 0; i < box.addOns.size(); i++) {
            if (box.addOns.get(i).productId().equals(productId)) {
                return i;
            }
        }
        return -1;
    }

    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(
                422,
                "Unprocessable Content",
                field + ": " + message,
                List.of(new ProblemDetail.Violation(field, message)));
    }
}
