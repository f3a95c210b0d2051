package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.CampaignRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Sampling campaigns: units of a published product committed to one cycle, never more than the stock. */
@ApplicationScoped
public class Campaigns {

    /** Sponsored items per box are capped by curation at 2 overall; per product at most this. */
    public static final int MAX_PER_BOX = 2;
    /** Campaigns are committed at most this many months after the current cycle. */
    public static final int MAX_MONTHS_AHEAD = 24;

    private final CampaignRepository campaigns;
    private final ProductCatalog catalog;
    private final Outbox outbox;

    public Campaigns(CampaignRepository campaigns, ProductCatalog catalog, Outbox outbox) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.outbox = outbox;
    }

    /**
     * Commits {@code units} of the brand's published product to {@code cycle} (not in the past; the API reads it at
     * most {@link #MAX_MONTHS_AHEAD} months after {@link #currentCycle}); 400 naming the field when a rule is broken,
     * 404 when the brand has no such product.
     */
    @Transactional
    public Campaign create(UUID brandId, String sku, YearMonth cycle, int units, Integer maxPerBox) {
        Product product = catalog.require(brandId, sku);
        if (product.status != ProductStatus.PUBLISHED) {
            throw ProblemException.invalidField(
                    "sku", "product " + sku + " is " + product.status + "; only published products can be sampled");
        }
        if (cycle.isBefore(currentCycle())) {
            throw ProblemException.invalidField("cycle", "must not be in the past");
        }
        long alreadyCommitted = campaigns.committedUnits(product.id, cycle.toString());
        if (alreadyCommitted + units > product.stock) {
            throw ProblemException.invalidField(
                    "units",
                    "only " + (product.stock - alreadyCommitted) + " units of " + sku
                            + " are in stock and not yet committed for " + cycle);
        }
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID();
        campaign.brandId = brandId;
        campaign.productId = product.id;
        campaign.sku = sku;
        campaign.cycle = cycle.toString();
        campaign.units = units;
        campaign.maxPerBox = maxPerBox == null ? 1 : maxPerBox;
        campaign.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        campaigns.persist(campaign);
        outbox.publish(
                EventType.CAMPAIGN_CREATED,
                product.id.toString(),
                new CampaignCreated(
                        campaign.id,
                        brandId,
                        product.id,
                        sku,
                        campaign.cycle,
                        units,
                        campaign.maxPerBox,
                        campaign.createdAt));
        return campaign;
    }

    public List<Campaign> list(UUID brandId, int page, int size) {
        return campaigns.forBrand(brandId, page, size);
    }

    /** The current cycle: this month in UTC, the one clock of the campaign rules. */
    public static YearMonth currentCycle() {
        return YearMonth.now(ZoneOffset.UTC);
    }
}
