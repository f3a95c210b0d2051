package com.dcbeacon.box.curation;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A cycle's curation one page of members at a time, in bounded memory, without letting the first pages take the
 * scarce stock. {@link Curator} drafts fairly within the members it is given; across pages this class gives each page
 * at most its fair share of every product's remaining stock: {@code left × pageMembers / membersNotYetCurated}, where
 * both member counts include members who turn out to get no box. The fraction is rounded down or up at random (a hash
 * of cycle, product and page, so a re-run rounds alike), which keeps each page's expected share exact even for a
 * product with fewer units than pages. What a page leaves unused stays in the pool for the pages after it, and the last
 * page (nobody left after it) may take everything left.
 *
 * <p>A campaign's remaining sponsored units are not shared out: every page may place all of them, within its share of
 * the product's stock and only where the product is a good pick ({@link Curator}). Rationed like stock, a page holding
 * the one member for whom the product is a good pick got a share rounded down to 0 whenever the members still to read
 * (cancelled ones included) outnumbered it, and the units went to pages with nobody to place them: the campaign placed
 * nothing. Sponsored units are the brand's commitment, not a member's fair share; the stock share already keeps the
 * first pages from taking the product itself.
 *
 * <p>Only boxes that commit take stock ({@link #committed}): a box dropped before its commit gives its units back to
 * later pages. Not thread-safe: one run, one instance at a time ({@link #copy} for a decision ahead on another thread).
 */
public final class PagedCuration {

    private final String cycle;
    private final List<Product> catalogue;
    private final Map<UUID, Integer> stockLeft = new HashMap<>();
    private final Map<UUID, Integer> campaignLeft = new HashMap<>();
    private final Map<UUID, Integer> campaignMaxPerBox = new HashMap<>();
    private final Map<UUID, Integer> sponsoredUnits = new HashMap<>();
    private int page;

    /**
     * @param catalogue products with the stock left for the run (units)
     * @param campaigns campaigns with the sponsored units still to place in the run; several per product add up
     */
    public PagedCuration(String cycle, List<Product> catalogue, List<Campaign> campaigns) {
        this.cycle = cycle;
        this.catalogue = List.copyOf(catalogue);
        catalogue.forEach(p -> stockLeft.merge(p.productId(), Math.max(0, p.stock()), (a, b) -> a));
        for (Campaign c : campaigns) {
            campaignLeft.merge(c.productId(), Math.max(0, c.units()), Integer::sum);
            campaignMaxPerBox.merge(c.productId(), c.maxPerBox(), Math::max);
        }
    }

    /**
     * Decides one page's boxes from its fair share.
     *
     * @param members the page's members who may get a box
     * @param pageMembers members read for this page, {@code members} and those who get no box (≥ members.size())
     * @param membersAfter members not yet read after this page (0 for the last page)
     */
    public Curator.Result decide(List<CurationMember> members, long pageMembers, long membersAfter) {
        int pageIndex = page++;
        long readNow = Math.max(pageMembers, members.size());
        long notYetCurated = readNow + Math.max(0, membersAfter);
        List<Product> share = catalogue.stream()
                .map(p -> p.withStock(share(
                        stockLeft.getOrDefault(p.productId(), 0),
                        readNow,
                        notYetCurated,
                        p.productId(),
                        pageIndex,
                        "stock")))
                .toList();
        List<Campaign> campaigns = campaignLeft.entrySet().stream()
                .map(e -> new Campaign(e.getKey(), Math.max(0, e.getValue()), campaignMaxPerBox.get(e.getKey())))
                .toList();
        return Curator.curate(cycle, members, share, campaigns);
    }

    private PagedCuration(PagedCuration of) {
        this.cycle = of.cycle;
        this.catalogue = of.catalogue;
        this.stockLeft.putAll(of.stockLeft);
        this.campaignLeft.putAll(of.campaignLeft);
        this.campaignMaxPerBox.putAll(of.campaignMaxPerBox);
        this.sponsoredUnits.putAll(of.sponsoredUnits);
        this.page = of.page;
    }

    /**
     * A copy with the same stock and campaign units left and at the same page, changed independently of this one: to
     * decide the next page ahead, on another thread, while this page commits.
     */
    public PagedCuration copy() {
        return new PagedCuration(this);
    }

    /**
     * Whether {@code other} would decide the next page exactly as this one would: same stock and sponsored units left,
     * same page. {@link Curator} decides from nothing else, so a page decided ahead on a copy whose state is the same as
     * this one's once the page before has committed is the decision this one would make.
     */
    public boolean sameState(PagedCuration other) {
        return page == other.page
                && stockLeft.equals(other.stockLeft)
                && campaignLeft.equals(other.campaignLeft)
                && sponsoredUnits.equals(other.sponsoredUnits);
    }

    /** Takes the stock and sponsored units of boxes that committed. */
    public void committed(List<CuratedBox> boxes) {
        for (CuratedBox box : boxes) {
            for (CuratedBox.Item item : box.items()) {
                UUID id = item.product().productId();
                stockLeft.merge(id, -1, Integer::sum);
                if (item.sponsored()) {
                    campaignLeft.merge(id, -1, Integer::sum);
                    sponsoredUnits.merge(id, 1, Integer::sum);
                }
            }
        }
    }

    /** Sponsored units placed in committed boxes so far, by product id. */
    public Map<UUID, Integer> sponsoredUnits() {
        return Map.copyOf(sponsoredUnits);
    }

    /** The product may no longer be placed (recalled or under review since the run read the catalogue). */
    public void withdrawn(UUID productId) {
        stockLeft.put(productId, 0);
        campaignLeft.remove(productId);
    }

    /**
     * The product's stock fell below what a page decided before the page could commit (a brand lowered it meanwhile):
     * later decisions take at most {@code available} units of it (never more than they could take before).
     */
    public void stockFell(UUID productId, int available) {
        stockLeft.merge(productId, Math.max(0, available), Math::min);
    }

    /**
     * The page last decided is decided again (its commit found less stock than it took): it keeps its index, so its
     * shares round as a first decision of that page would.
     */
    public void decideAgain() {
        page = Math.max(0, page - 1);
    }

    /** Units of the product not yet taken by committed boxes. */
    public int stockLeft(UUID productId) {
        return stockLeft.getOrDefault(productId, 0);
    }

    /** {@code left × part / whole}, rounded down or up by a hash: never more than {@code left}, never below 0. */
    int share(int left, long part, long whole, UUID productId, int pageIndex, String what) {
        return share(cycle, left, part, whole, productId, pageIndex, what);
    }

    /**
     * {@code left × part / whole}, rounded down or up by a hash of cycle, product, index and {@code what} (so a re-run
     * rounds alike and the expected share is exact): never more than {@code left}, never below 0; all of it when
     * {@code part ≥ whole}.
     */
    static int share(String cycle, int left, long part, long whole, UUID productId, int index, String what) {
        if (left <= 0) {
            return 0;
        }
        if (part >= whole) {
            return left;
        }
        long scaled = (long) left * part;
        long units = scaled / whole;
        long remainder = scaled % whole;
        if (remainder > 0 && unitInterval(cycle, productId, index, what) * whole < remainder) {
            units++;
        }
        return (int) Math.min(left, units);
    }

    /** A number in [0, 1) fixed by cycle, product and page. */
    private static double unitInterval(String cycle, UUID productId, int index, String what) {
        CRC32 crc = new CRC32();
        crc.update((cycle + "/" + what + "/" + productId + "/" + index).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / (double) (1L << 32);
    }
}
