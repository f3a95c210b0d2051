package com.dcbeacon.box.curation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * Curates one cycle's boxes for all members at once.
 *
 * <p>Only items that pass {@link SafetyRules} are ever considered; among those each member gets, pick by pick, the
 * best {@link TasteScore} next to the items already in the box, over every safe product with stock. Scarce stock is shared fairly by a snake draft: members pick one item per round,
 * in an order that is reversed every round and reshuffled every cycle (a hash of cycle and member id), so no
 * member systematically gets the leftovers. A campaign's product is placed as sponsored only where it is a
 * good pick for that member on its own merits ({@link TasteScore#GOOD_PICK}), at most
 * {@value #MAX_SPONSORED_PER_BOX} per box and never beyond the units the brand committed. A slot that no safe
 * item can fill stays empty and is reported as shortfall: a box is never padded with an unsafe item.
 */
public final class Curator {

    public static final int MAX_SPONSORED_PER_BOX = 2;
    /** Extra weight for a campaign item that already is a good pick: brands pay to be sampled. */
    public static final int SPONSORED_BONUS = 10;
    /** Candidates kept per member, best first; ranked again next to the box when a left-out one could do better. */
    private static final int SHORTLIST = 96;

    public record Result(
            List<CuratedBox> boxes, Map<UUID, Integer> allocatedUnits, Map<UUID, Integer> sponsoredUnits) {}

    private Curator() {}

    public static Result curate(
            String cycle, List<CurationMember> members, List<Product> catalogue, List<Campaign> campaigns) {
        Map<UUID, Product> products =
                catalogue.stream().collect(Collectors.toMap(Product::productId, Function.identity(), (a, b) -> a));
        Shelf shelf = new Shelf(products);
        Map<UUID, Integer> campaignLeft = new HashMap<>();
        Map<UUID, Integer> campaignMaxPerBox = new HashMap<>();
        for (Campaign c : campaigns) {
            campaignLeft.merge(c.productId(), c.units(), Integer::sum);
            campaignMaxPerBox.merge(c.productId(), c.maxPerBox(), Math::max);
        }

        Map<UUID, Shortlist> candidates = new HashMap<>();
        Map<UUID, List<CuratedBox.Item>> boxes = new LinkedHashMap<>();
        for (CurationMember member : members) {
            candidates.put(member.memberId(), new Shortlist(member, shelf));
            boxes.put(member.memberId(), new ArrayList<>());
        }

        List<CurationMember> order = new ArrayList<>(members);
        order.sort(Comparator.comparingLong(m -> draftPosition(cycle, m.memberId())));
        int rounds =
                members.stream().mapToInt(CurationMember::itemsPerBox).max().orElse(0);
        Map<UUID, Integer> allocated = new HashMap<>();
        Map<UUID, Integer> sponsored = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<CurationMember> roundOrder = new ArrayList<>(order);
            if (round % 2 == 1) {
                Collections.reverse(roundOrder);
            }
            for (CurationMember member : roundOrder) {
                List<CuratedBox.Item> box = boxes.get(member.memberId());
                if (box.size() >= member.itemsPerBox()) {
                    continue;
                }
                CuratedBox.Item pick = bestPick(
                        member, box, candidates.get(member.memberId()), shelf, campaignLeft, campaignMaxPerBox);
                if (pick == null) {
                    continue;
                }
                box.add(pick);
                UUID id = pick.product().productId();
                shelf.take(id);
                allocated.merge(id, 1, Integer::sum);
                if (pick.sponsored()) {
                    campaignLeft.merge(id, -1, Integer::sum);
                    sponsored.merge(id, 1, Integer::sum);
                }
            }
        }
        List<CuratedBox> result = new ArrayList<>();
        for (CurationMember member : members) {
            List<CuratedBox.Item> items = boxes.get(member.memberId());
            result.add(new CuratedBox(member.memberId(), List.copyOf(items), member.itemsPerBox() - items.size()));
        }
        return new Result(result, allocated, sponsored);
    }

    /**
     * The best available pick, or null when no safe item with stock is left for this member: the highest score next to
     * the box so far (variety penalties included) over every safe product with stock, and among equal scores the
     * product with the most units left, so the last units of a product stay for members with fewer alternatives. The
     * shortlist is searched first; the catalogue is scanned again only when a product left out of the shortlist could
     * still score higher.
     */
    private static CuratedBox.Item bestPick(
            CurationMember member,
            List<CuratedBox.Item> box,
            Shortlist shortlist,
            Shelf shelf,
            Map<UUID, Integer> campaignLeft,
            Map<UUID, Integer> campaignMaxPerBox) {
        long sponsoredInBox = box.stream().filter(CuratedBox.Item::sponsored).count();
        // A left-out or later candidate might still be sponsored: the bounds allow for its bonus.
        int bonusBound = sponsoredInBox < MAX_SPONSORED_PER_BOX && anyLeft(campaignLeft) ? SPONSORED_BONUS : 0;
        CuratedBox.Item pick =
                bestPick(member, box, shortlist, shelf, campaignLeft, campaignMaxPerBox, sponsoredInBox, bonusBound);
        int couldScore = shortlist.bestLeftOut(box);
        if (couldScore != Integer.MIN_VALUE && (pick == null || pick.score() < couldScore + bonusBound)) {
            shortlist.rebuild(box);
            pick = bestPick(member, box, shortlist, shelf, campaignLeft, campaignMaxPerBox, sponsoredInBox, bonusBound);
        }
        return pick;
    }

    private static CuratedBox.Item bestPick(
            CurationMember member,
            List<CuratedBox.Item> box,
            Shortlist shortlist,
            Shelf shelf,
            Map<UUID, Integer> campaignLeft,
            Map<UUID, Integer> campaignMaxPerBox,
            long sponsoredInBox,
            int bonusBound) {
        List<Candidate> ranked = shortlist.ranked();
        // Stock only goes down during a run: drop what is gone for good, so later picks do not scan it again.
        ranked.removeIf(c -> shelf.stock[c.index()] <= 0);
        Candidate best = null;
        int bestScore = 0;
        boolean bestSponsored = false;
        for (Candidate candidate : ranked) {
            // Scores only go down as a box fills (variety penalties), so a candidate's score when it was ranked
            // bounds its score now; in that order, once the bound cannot reach the best so far, nothing after can.
            if (best != null && candidate.bound() + bonusBound < bestScore) {
                break;
            }
            Product product = candidate.product();
            if (inBox(box, product.productId())) {
                continue;
            }
            int points = candidate.alone() + TasteScore.nextTo(product, box);
            boolean sponsor = campaignLeft.getOrDefault(product.productId(), 0) > 0
                    && sponsoredInBox < MAX_SPONSORED_PER_BOX
                    && campaignMaxPerBox.getOrDefault(product.productId(), 0) >= 1
                    && points >= TasteScore.GOOD_PICK;
            int score = points + (sponsor ? SPONSORED_BONUS : 0);
            if (best == null
                    || score > bestScore
                    || (score == bestScore && shelf.stock[candidate.index()] > shelf.stock[best.index()])) {
                best = candidate;
                bestScore = score;
                bestSponsored = sponsor;
            }
        }
        // The reason is worded for the pick alone: building one for every candidate scored cost more than the scoring.
        return best == null
                ? null
                : new CuratedBox.Item(
                        best.product(),
                        TasteScore.score(member, best.product(), box, shelf.products)
                                .reason(),
                        bestSponsored,
                        bestScore);
    }

    private static boolean anyLeft(Map<UUID, Integer> campaignLeft) {
        for (int left : campaignLeft.values()) {
            if (left > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A safe product (and its place on the {@link Shelf}), its score next to the box as it was when the shortlist was
     * ranked (a bound on it now), and its score next to an empty box ({@link TasteScore.Points#of}).
     */
    private record Candidate(Product product, int index, int bound, int alone) {}

    private static boolean inBox(List<CuratedBox.Item> box, UUID productId) {
        for (CuratedBox.Item item : box) {
            if (item.product().productId().equals(productId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The catalogue of one curation, numbered: every product's units left, category and brand by number, so ranking a
     * member's candidates (every safe product, again whenever a left-out one could do better) is arithmetic on arrays
     * rather than look-ups by id and comparisons of names.
     */
    private static final class Shelf {
        final Map<UUID, Product> products;
        /** The hard rules compiled for this shelf; its numbering of the products is the shelf's. */
        final SafetyMasks safety;

        final Product[] byIndex;
        final int[] stock;
        final int[] category;
        final int[] brand;
        final int categories;
        /** Each category number's name. */
        final String[] categoryName;
        /**
         * Each product's place in ascending product id order ({@link UUID#compareTo}), and the product at each place:
         * ranking breaks equal scores by id, and comparing places is cheaper than comparing ids.
         */
        final int[] idOrder;

        final int[] byIdOrder;
        /** Scratch counts for one ranking at a time (a run is single-threaded), zero between uses. */
        final int[] categoryCount;

        final int[] brandCount;
        final boolean[] inBox;

        Shelf(Map<UUID, Product> products) {
            this.products = products;
            safety = new SafetyMasks(new ArrayList<>(products.values()));
            int n = safety.size();
            byIndex = new Product[n];
            stock = new int[n];
            category = new int[n];
            brand = new int[n];
            Map<String, Integer> categoryIds = new HashMap<>();
            Map<UUID, Integer> brandIds = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Product product = safety.product(i);
                byIndex[i] = product;
                stock[i] = Math.max(0, product.stock());
                category[i] = categoryIds.computeIfAbsent(product.category(), c -> categoryIds.size());
                brand[i] = brandIds.computeIfAbsent(product.brandId(), b -> brandIds.size());
            }
            categories = categoryIds.size();
            categoryName = new String[categories];
            categoryIds.forEach((name, number) -> categoryName[number] = name);
            Integer[] byId = new Integer[n];
            for (int k = 0; k < n; k++) {
                byId[k] = k;
            }
            java.util.Arrays.sort(byId, Comparator.comparing(k -> byIndex[k].productId()));
            idOrder = new int[n];
            byIdOrder = new int[n];
            for (int ord = 0; ord < n; ord++) {
                idOrder[byId[ord]] = ord;
                byIdOrder[ord] = byId[ord];
            }
            categoryCount = new int[categories];
            brandCount = new int[brandIds.size()];
            inBox = new boolean[n];
        }

        /** A product's place on the shelf; every product of a box is on it. */
        int place(UUID productId) {
            return safety.place(productId);
        }

        void take(UUID productId) {
            stock[place(productId)]--;
        }

        /** Marks the box's products, categories and brands in the scratch arrays; {@link #clear} undoes it. */
        void mark(List<CuratedBox.Item> box) {
            for (CuratedBox.Item item : box) {
                int i = place(item.product().productId());
                inBox[i] = true;
                categoryCount[category[i]]++;
                brandCount[brand[i]]++;
            }
        }

        void clear(List<CuratedBox.Item> box) {
            for (CuratedBox.Item item : box) {
                int i = place(item.product().productId());
                inBox[i] = false;
                categoryCount[category[i]] = 0;
                brandCount[brand[i]] = 0;
            }
        }
    }

    /**
     * A member's best {@value #SHORTLIST} safe candidates with stock, ranked by their score next to the box as it was
     * then, and for every category the best score of a candidate left out. A left-out candidate's score now is at most
     * that, less {@link TasteScore#SAME_CATEGORY_IN_BOX} for each item of its category added since: when that could
     * beat the shortlist's best, the shortlist is ranked again next to the box as it is now. Without this a member
     * who likes one category and has more safe products in it than the shortlist holds only ever sees that category,
     * and once scarce stock takes the few others, fills the box with it at ever lower scores (below zero by the fifth
     * item of one category).
     */
    private static final class Shortlist {
        private final Shelf shelf;
        /**
         * The products the member's hard rules allow (their places on the shelf) and each one's score next to an empty
         * box: the rules and that score do not change during a run, so they are worked out once. Ranking next to a box
         * then only adds the box's variety penalties ({@link TasteScore.Points#of}, counted per category and brand).
         */
        private int[] safe;

        private int[] alone;
        private int safeCount;
        private List<Candidate> ranked;
        /** Per category, the best score of a candidate left out; {@code Integer.MIN_VALUE} where none was. */
        private final int[] leftOutByCategory;

        private int boxSizeWhenRanked;

        Shortlist(CurationMember member, Shelf shelf) {
            this.shelf = shelf;
            TasteScore.Points taste = TasteScore.points(member, shelf.products);
            this.leftOutByCategory = new int[shelf.categories];
            safe = new int[shelf.byIndex.length];
            alone = new int[shelf.byIndex.length];
            // A product the member has not rated scores alone what its category gives (TasteScore.Points#ofUnrated):
            // worked out once per category; only the few rated products are scored one by one.
            int[] unrated = new int[shelf.categories];
            for (int c = 0; c < unrated.length; c++) {
                unrated[c] = taste.ofUnrated(shelf.categoryName[c]);
            }
            SafetyMasks.Member rules = shelf.safety.forMember(member);
            try {
                for (int i = 0; i < shelf.byIndex.length; i++) {
                    // Stock first: it is the cheaper check, and a product without stock never gets any back in a run.
                    if (shelf.stock[i] > 0 && rules.allows(i)) {
                        safe[safeCount] = i;
                        alone[safeCount++] =
                                rules.rated(i) ? taste.of(shelf.byIndex[i], List.of()) : unrated[shelf.category[i]];
                    }
                }
            } finally {
                rules.done();
            }
            safe = java.util.Arrays.copyOf(safe, safeCount);
            alone = java.util.Arrays.copyOf(alone, safeCount);
            rebuild(List.of());
        }

        void rebuild(List<CuratedBox.Item> box) {
            java.util.Arrays.fill(leftOutByCategory, Integer.MIN_VALUE);
            boxSizeWhenRanked = box.size();
            shelf.mark(box);
            // Partial selection in one pass: only the best few are kept, and only they need an order. A candidate is
            // ranked by one number (rankKey: score, then id), the kept ones in a heap with the worst on top.
            long[] top = new long[SHORTLIST];
            int size = 0;
            int kept = 0;
            for (int k = 0; k < safeCount; k++) {
                int i = safe[k];
                if (shelf.stock[i] <= 0) {
                    continue; // stock only goes down during a run: gone for good
                }
                safe[kept] = i;
                alone[kept++] = alone[k];
                if (shelf.inBox[i]) {
                    continue;
                }
                int score = alone[kept - 1]
                        + TasteScore.SAME_CATEGORY_IN_BOX * shelf.categoryCount[shelf.category[i]]
                        + TasteScore.SAME_BRAND_IN_BOX * shelf.brandCount[shelf.brand[i]];
                long key = rankKey(score, shelf.idOrder[i], shelf.byIndex.length);
                long out = key; // the candidate left out: this one, or the one it pushes out
                boolean leftOut = true;
                if (size < SHORTLIST) {
                    siftUp(top, size++, key);
                    leftOut = false;
                } else if (key > top[0]) {
                    out = top[0];
                    siftDown(top, size, key);
                }
                if (leftOut) {
                    int c = shelf.category[indexOf(out)];
                    leftOutByCategory[c] = Math.max(leftOutByCategory[c], scoreOf(out));
                }
            }
            safeCount = kept;
            long[] best = java.util.Arrays.copyOf(top, size);
            java.util.Arrays.sort(best);
            ranked = new ArrayList<>(size);
            for (int k = size - 1; k >= 0; k--) {
                int i = indexOf(best[k]);
                int score = scoreOf(best[k]);
                // Its score alone: the box's penalties, still marked on the shelf, taken back off.
                int alone = score
                        - TasteScore.SAME_CATEGORY_IN_BOX * shelf.categoryCount[shelf.category[i]]
                        - TasteScore.SAME_BRAND_IN_BOX * shelf.brandCount[shelf.brand[i]];
                ranked.add(new Candidate(shelf.byIndex[i], i, score, alone));
            }
            shelf.clear(box);
        }

        /**
         * One number that orders candidates best first when higher: the higher score, and among equal scores the lower
         * product id ({@link UUID#compareTo}), for a stable order. The score is in the upper 32 bits, the place in id
         * order counted down from {@code n - 1} ({@code n} products on the shelf) in the lower.
         */
        private static long rankKey(int score, int idOrder, int n) {
            return ((long) score << 32) + (n - 1 - idOrder);
        }

        private static int scoreOf(long key) {
            return (int) (key >> 32);
        }

        private int indexOf(long key) {
            return shelf.byIdOrder[shelf.byIndex.length - 1 - (int) (key & 0xFFFFFFFFL)];
        }

        /** Adds {@code key} at the end of the min-heap {@code heap[0..size)} and moves it up to its place. */
        private static void siftUp(long[] heap, int size, long key) {
            int at = size;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (heap[parent] <= key) {
                    break;
                }
                heap[at] = heap[parent];
                at = parent;
            }
            heap[at] = key;
        }

        /** Replaces the top of the min-heap {@code heap[0..size)} with {@code key} and moves it down to its place. */
        private static void siftDown(long[] heap, int size, long key) {
            int at = 0;
            int half = size >>> 1;
            while (at < half) {
                int child = 2 * at + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (key <= heap[child]) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = key;
        }

        List<Candidate> ranked() {
            return ranked;
        }

        /** The most a candidate left out of the shortlist can score next to the box now; MIN_VALUE if none was. */
        int bestLeftOut(List<CuratedBox.Item> box) {
            int best = Integer.MIN_VALUE;
            for (int c = 0; c < leftOutByCategory.length; c++) {
                if (leftOutByCategory[c] == Integer.MIN_VALUE) {
                    continue;
                }
                int score = leftOutByCategory[c];
                for (int i = boxSizeWhenRanked; i < box.size(); i++) {
                    if (shelf.category[shelf.place(box.get(i).product().productId())] == c) {
                        score += TasteScore.SAME_CATEGORY_IN_BOX;
                    }
                }
                best = Math.max(best, score);
            }
            return best;
        }
    }

    /** Stable within a cycle, different across cycles: a member's place in the first round of the draft. */
    static long draftPosition(String cycle, UUID memberId) {
        CRC32 crc = new CRC32();
        crc.update((cycle + "/" + memberId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
