package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.PlanPriceReplicaRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.PlanPriceChangeAnnounced;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRated;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps what curation needs from other services' events: taste profiles, the catalogue, plan prices, campaigns and
 * ratings (members and subscriptions: {@link MemberReplicas}). Runs inside the inbox transaction, so each event applies
 * once; events of one member or one product arrive in order (same key, same partition).
 */
@ApplicationScoped
public class CurationReplicas {

    private static final Logger LOG = Logger.getLogger(CurationReplicas.class);

    private final StockMovements stock;
    private final SubscriptionReplicaRepository subscriptions;
    private final PreferenceReplicaRepository preferences;
    private final CatalogueProductRepository catalogue;
    private final PlanPriceReplicaRepository planPrices;
    private final CampaignReplicaRepository campaigns;
    private final MemberRatingRepository ratings;

    public CurationReplicas(
            StockMovements stock,
            SubscriptionReplicaRepository subscriptions,
            PreferenceReplicaRepository preferences,
            CatalogueProductRepository catalogue,
            PlanPriceReplicaRepository planPrices,
            CampaignReplicaRepository campaigns,
            MemberRatingRepository ratings) {
        this.stock = stock;
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.catalogue = catalogue;
        this.planPrices = planPrices;
        this.campaigns = campaigns;
        this.ratings = ratings;
    }

    /**
     * Keeps the newest preferences: an event older than the replica (a redelivered or replayed one) changes nothing.
     * Versions come from member-service (1 at registration, +1 per change); 0 marks events from before versions, which
     * are older than any versioned one, so once the replica holds a version they change nothing either.
     */
    public void preferencesChanged(MemberPreferencesChanged e) {
        PreferenceReplica p = preferences.findOrNew(e.memberId());
        if (p.updatedAt != null && e.version() < p.version) {
            LOG.infof(
                    "Preferences version %d of member %s older than the replica's %d: ignored",
                    e.version(), e.memberId(), p.version);
            return;
        }
        p.version = Math.max(p.version, e.version());
        p.allergens = e.allergens();
        p.dietaryTags = e.dietaryTags();
        p.likedCategories = e.likedCategories();
        p.dislikedCategories = e.dislikedCategories();
        p.updatedAt = now();
        preferences.persist(p);
    }

    public void productPublishedOrUpdated(ProductData e) {
        // Locked and read as it is (see product()); a new product's stock: brandAnnounced below
        CatalogueProduct p =
                Optional.ofNullable(catalogue.lock(e.productId())).orElseGet(() -> catalogue.findOrNew(e.productId()));
        p.brandId = e.brandId();
        p.brandName = e.brandName();
        p.sku = e.sku();
        p.name = e.name();
        p.category = e.category();
        p.allergens = e.allergens();
        p.mayContain = e.mayContain();
        p.dietaryTags = e.dietaryTags();
        p.status = ProductStatus.valueOf(e.status());
        p.updatedAt = now();
        catalogue.persist(p);
        stock.brandAnnounced(p, e.stock(), null);
    }

    /** brand-service's stock after {@code appliedDelta} (one of our allocations or releases; null for the brand's own change). */
    public void stockChanged(UUID productId, int brandStock, UUID appliedDelta) {
        product(productId, p -> stock.brandAnnounced(p, brandStock, appliedDelta));
    }

    public void planPriceAnnounced(PlanPriceChangeAnnounced e) {
        PlanPriceReplica.Key key = new PlanPriceReplica.Key(e.planId(), e.effectiveOn());
        PlanPriceReplica price = planPrices.findOrNew(key);
        price.newPriceCents = e.newPriceCents();
        price.currency = e.currency();
        planPrices.persist(price);
    }

    /** Retired and recalled products are never curated again; a recall also pulls them from open boxes (to come). */
    public void statusChanged(UUID productId, ProductStatus status) {
        product(productId, p -> p.status = status);
    }

    public void campaignCreated(CampaignCreated e) {
        if (campaigns.findById(e.campaignId()) != null) {
            return;
        }
        CampaignReplica c = new CampaignReplica();
        c.campaignId = e.campaignId();
        c.brandId = e.brandId();
        c.productId = e.productId();
        c.cycle = e.cycle();
        c.units = e.units();
        c.maxPerBox = e.maxPerBox();
        campaigns.persist(c);
    }

    public void rated(ProductRated e) {
        MemberRating.Key key = new MemberRating.Key(e.memberId(), e.productId());
        MemberRating rating = ratings.findOrNew(key);
        if (rating.ratedAt == null || !e.ratedAt().isBefore(rating.ratedAt)) {
            rating.stars = e.stars();
            rating.ratedAt = e.ratedAt();
            ratings.persist(rating);
        }
    }

    /** Everything curation holds about the member goes with an erasure. */
    public void erase(UUID memberId) {
        subscriptions.deleteById(memberId);
        preferences.deleteById(memberId);
        ratings.deleteOfMember(memberId);
    }

    /**
     * Changes the product's replica under its row lock, read as it is once the lock is held: a stock move in flight (an
     * allocation holds the lock until it commits) is waited for and counted, never overwritten by a figure computed
     * before it committed.
     */
    private void product(UUID productId, java.util.function.Consumer<CatalogueProduct> change) {
        Optional.ofNullable(catalogue.lock(productId))
                .ifPresentOrElse(
                        p -> {
                            change.accept(p);
                            p.updatedAt = now();
                        },
                        () -> LOG.warnf("Event for unknown product %s: ignored", productId));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
