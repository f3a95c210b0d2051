package com.dcbeacon.box.curation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How a cycle's curation is split among shards that several replicas run at once: members by ranges of their id (member
 * ids are random UUIDs, so equal ranges hold about equal numbers of members, and each shard's pages stay keyset pages
 * on the primary key), and every product's stock and every campaign's sponsored units in proportion to each shard's
 * members, by the same fair-share rule as pages ({@link PagedCuration#share}). The shares add up to what there is, so
 * shards that never see one another can never take a unit twice.
 */
public final class ShardPlan {

    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger LONG_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ShardPlan() {}

    /**
     * Member ids from {@code from} (inclusive; null: no lower bound) to {@code to} (exclusive; null: no upper bound), in
     * PostgreSQL's order of uuids (unsigned, byte by byte).
     */
    public record Range(UUID from, UUID to) {

        /** Every member: the one shard of a run that is not split. */
        public static final Range ALL = new Range(null, null);

        /**
         * Where a shard's pages start: {@code start} (a point fixed by the cycle) itself for {@link #ALL}, otherwise the
         * point at the same fraction of this range, so the first members of each shard change from cycle to cycle too.
         */
        public UUID startWithin(UUID start) {
            if (from == null && to == null) {
                return start;
            }
            BigInteger low = from == null ? BigInteger.ZERO : toNumber(from);
            BigInteger high = to == null ? SPACE : toNumber(to);
            return toUuid(low.add(toNumber(start).multiply(high.subtract(low)).shiftRight(128)));
        }
    }

    /** {@code shards} ranges of equal width covering every member id; one shard: {@link Range#ALL}. */
    public static List<Range> ranges(int shards) {
        int n = Math.max(1, shards);
        List<Range> ranges = new ArrayList<>();
        UUID from = null;
        for (int k = 1; k <= n; k++) {
            UUID to =
                    k == n ? null : toUuid(SPACE.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(n)));
            ranges.add(new Range(from, to));
            from = to;
        }
        return ranges;
    }

    /**
     * Splits {@code units} (product id to units) among shards holding {@code members[k]} members each: shard k gets
     * {@code left × members[k] / members of shard k and after}, rounded down or up by a hash of cycle, product and shard;
     * the last shard gets what is left. Per product, the shares add up to the units.
     */
    public static List<Map<UUID, Integer>> split(String cycle, Map<UUID, Integer> units, long[] members, String what) {
        List<Map<UUID, Integer>> shares = new ArrayList<>();
        for (int k = 0; k < members.length; k++) {
            shares.add(new HashMap<>());
        }
        for (Map.Entry<UUID, Integer> product : new TreeMap<>(units).entrySet()) {
            int left = Math.max(0, product.getValue());
            long membersLeft = 0;
            for (long m : members) {
                membersLeft += m;
            }
            for (int k = 0; k < members.length; k++) {
                int share = k == members.length - 1
                        ? left
                        : PagedCuration.share(cycle, left, members[k], membersLeft, product.getKey(), k, what);
                shares.get(k).put(product.getKey(), share);
                left -= share;
                membersLeft -= members[k];
            }
        }
        return shares;
    }

    static BigInteger toNumber(UUID id) {
        return BigInteger.valueOf(id.getMostSignificantBits())
                .and(LONG_MASK)
                .shiftLeft(64)
                .or(BigInteger.valueOf(id.getLeastSignificantBits()).and(LONG_MASK));
    }

    static UUID toUuid(BigInteger number) {
        return new UUID(number.shiftRight(64).longValue(), number.and(LONG_MASK).longValue());
    }
}
