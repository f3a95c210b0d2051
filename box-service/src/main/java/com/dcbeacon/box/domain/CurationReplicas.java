package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.PlanPriceReplicaRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.PlanPriceChangeAnnounced;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Keeps what curation needs from other services' events: subscriptions, taste profiles, the catalogue,
 * campaigns and ratings. Runs inside the inbox transaction, so each event applies once; events of one
 * member or one product arrive in order (same key, same partition).
 */
@ApplicationScoped
public class CurationReplicas {

    private static final Logger LOG = Logger.getLogger(CurationReplicas.class);

    private final StockMovements stock;
    private final BoxWithdrawals withdrawals;
    private final SubscriptionReplicaRepository subscriptions;
    private final PreferenceReplicaRepository preferences;
    private final CatalogueProductRepository catalogue;
    private final PlanPriceReplicaRepository planPrices;
    private final CampaignReplicaRepository campaigns;
    private final MemberRatingRepository ratings;

    public CurationReplicas(StockMovements stock, BoxWithdrawals withdrawals, SubscriptionReplicaRepository subscriptions,
            PreferenceReplicaRepository preferences, CatalogueProductRepository catalogue, PlanPriceReplicaRepository planPrices,
            CampaignReplicaRepository campaigns, MemberRatingRepository ratings) {
        this.stock = stock;
        this.withdrawals = withdrawals;
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.catalogue = catalogue;
        this.planPrices = planPrices;
        this.campaigns = campaigns;
        this.ratings = ratings;
    }

    /**
     * The replica with this id, or a new one (made by {@code created}, not yet persisted): a replica is created by
     * whichever event about it comes first.
     */
    public static <E, K> E findOrNew(PanacheRepositoryBase<E, K> replicas, K id, Supplier<E> created) {
        return replicas.findByIdOptional(id).orElseGet(created);
    }

    public void subscriptionStarted(SubscriptionStarted e) {
        SubscriptionReplica s = subscriptionOf(e.memberId());
        overwrite(s, e.subscriptionId(), e.planId(), e.itemsPerBox(), e.priceCents(), e.currency(), BoxEligibility.Status.ACTIVE,
                null, List.of(), e.preferencesVersion());
    }

    public void paused(UUID memberId, String pausedUntil, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.PAUSED;
            s.pausedUntil = pausedUntil;
        });
    }

    public void resumed(UUID memberId, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.ACTIVE;
            s.pausedUntil = null;
        });
    }

    public void cycleSkipped(CycleSkipped e) {
        subscription(e.memberId(), e.preferencesVersion(), s -> {
            List<String> skipped = new ArrayList<>(s.skippedCycles);
            if (!skipped.contains(e.cycle())) {
                skipped.add(e.cycle());
            }
            s.skippedCycles = skipped;
        });
    }

    public void planChanged(PlanChanged e) {
        subscription(e.memberId(), e.preferencesVersion(), s -> {
            s.planId = e.planId();
            s.itemsPerBox = e.itemsPerBox();
            s.priceCents = e.priceCents();
        });
    }

    public void cancelled(UUID memberId, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.CANCELLED;
            s.pausedUntil = null;
        });
    }

    /**
     * A re-announced member (docs/messaging.md, Rebuilding a replica): the subscription replica becomes what
     * member-service holds now, created if it was lost. It is the newest state of the member, so it overwrites; only the
     * preferences version required never goes down, so curation still waits for preferences at least as new as any
     * subscription event named (fail closed). Boxes the member no longer wants are withdrawn, as after any change. A
     * member who never subscribed has nothing to hold here.
     */
    public void memberAnnounced(MemberStateAnnounced e) {
        MemberStateAnnounced.Subscription announced = e.subscription();
        if (announced == null) {
            return;
        }
        SubscriptionReplica s = subscriptionOf(e.memberId());
        overwrite(s, announced.subscriptionId(), announced.planId(), announced.itemsPerBox(), announced.priceCents(),
                announced.currency(), BoxEligibility.Status.valueOf(announced.status()), announced.pausedUntil(),
                announced.skippedCycles(), e.preferencesVersion());
        withdrawals.withdrawUnwanted(s);
    }

    /**
     * Keeps the newest preferences: an event older than the replica (a redelivered or replayed one) changes nothing.
     * Versions come from member-service (1 at registration, +1 per change); 0 marks events from before versions, which
     * are older than any versioned one, so once the replica holds a version they change nothing either.
     */
    public void preferencesChanged(MemberPreferencesChanged e) {
        PreferenceReplica p = findOrNew(preferences, e.memberId(), () -> {
            PreferenceReplica created = new PreferenceReplica();
            created.memberId = e.memberId();
            return created;
        });
        if (p.updatedAt != null && e.version() < p.version) {
            LOG.infof("Preferences version %d of member %s older than the replica's %d: ignored", e.version(), e.memberId(), p.version);
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
        CatalogueProduct p = findOrNew(catalogue, e.productId(), () -> {
            CatalogueProduct created = new CatalogueProduct();
            created.productId = e.productId();
            created.stock = e.stock();
            created.brandStock = e.stock();
            return created;
        });
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
        PlanPriceReplica price = findOrNew(planPrices, key, () -> {
            PlanPriceReplica created = new PlanPriceReplica();
            created.key = key;
            return created;
        });
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
        MemberRating rating = findOrNew(ratings, key, () -> {
            MemberRating created = new MemberRating();
            created.key = key;
            return created;
        });
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

    private SubscriptionReplica subscriptionOf(UUID memberId) {
        return findOrNew(subscriptions, memberId, () -> {
            SubscriptionReplica created = new SubscriptionReplica();
            created.memberId = memberId;
            return created;
        });
    }

    /** The subscription becomes what the event says; the preferences version required never goes down. */
    private void overwrite(SubscriptionReplica s, UUID subscriptionId, String planId, int itemsPerBox, long priceCents,
            String currency, BoxEligibility.Status status, String pausedUntil, List<String> skippedCycles, long preferencesVersion) {
        s.subscriptionId = subscriptionId;
        s.planId = planId;
        s.itemsPerBox = itemsPerBox;
        s.priceCents = priceCents;
        s.currency = currency;
        s.status = status;
        s.pausedUntil = pausedUntil;
        s.skippedCycles = new ArrayList<>(skippedCycles);
        s.preferencesVersionRequired = Math.max(s.preferencesVersionRequired, preferencesVersion);
        s.updatedAt = now();
        subscriptions.persist(s);
    }

    /** Applies a change, then withdraws every open box whose cycle the member no longer wants. */
    private void subscription(UUID memberId, long preferencesVersion, java.util.function.Consumer<SubscriptionReplica> change) {
        subscriptions.findByIdOptional(memberId).ifPresentOrElse(s -> {
            change.accept(s);
            s.preferencesVersionRequired = Math.max(s.preferencesVersionRequired, preferencesVersion);
            s.updatedAt = now();
            withdrawals.withdrawUnwanted(s);
        }, () -> LOG.warnf("Subscription event for member %s without a SubscriptionStarted first: ignored", memberId));
    }

    private void product(UUID productId, java.util.function.Consumer<CatalogueProduct> change) {
        catalogue.findByIdOptional(productId).ifPresentOrElse(p -> {
            change.accept(p);
            p.updatedAt = now();
        }, () -> LOG.warnf("Event for unknown product %s: ignored", productId));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
