package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.Campaign;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sponsored units of a cycle's campaigns: what brands committed and what the cycle's live boxes already hold. */
@ApplicationScoped
public class CampaignUnits {

    private final CampaignReplicaRepository campaigns;
    private final BoxRepository boxes;

    public CampaignUnits(CampaignReplicaRepository campaigns, BoxRepository boxes) {
        this.campaigns = campaigns;
        this.boxes = boxes;
    }

    /**
     * Sponsored units of the cycle's campaigns still to place, one entry per product: committed minus what live boxes of
     * the cycle already hold (an earlier attempt of this run, or an earlier run), so a resumed run never over-places.
     */
    List<Campaign> left(YearMonth cycle) {
        Map<UUID, Integer> placed = boxes.sponsoredPlaced(cycle.toString());
        Map<UUID, Integer> committed = new HashMap<>();
        Map<UUID, Integer> maxPerBox = new HashMap<>();
        for (CampaignReplica c : campaigns.ofCycle(cycle.toString())) {
            committed.merge(c.productId, c.units, Integer::sum);
            maxPerBox.merge(c.productId, c.maxPerBox, Math::max);
        }
        return committed.entrySet().stream()
                .map(e -> new Campaign(
                        e.getKey(),
                        Math.max(0, e.getValue() - placed.getOrDefault(e.getKey(), 0)),
                        maxPerBox.get(e.getKey())))
                .toList();
    }

    /** Per brand: sponsored units committed for the cycle and placed in its live boxes (by this run and any before it). */
    Map<String, Map<String, Integer>> fulfilment(YearMonth cycle) {
        Map<UUID, Integer> placed = boxes.sponsoredPlaced(cycle.toString());
        Map<String, Map<String, Integer>> byBrand = new HashMap<>();
        for (CampaignReplica c : campaigns.ofCycle(cycle.toString())) {
            Map<String, Integer> figures = byBrand.computeIfAbsent(
                    c.brandId.toString(), b -> new HashMap<>(Map.of("committed", 0, "placed", 0)));
            figures.merge("committed", c.units, Integer::sum);
            Integer units = placed.remove(c.productId);
            if (units != null) {
                figures.merge("placed", units, Integer::sum);
            }
        }
        return byBrand;
    }
}
