package com.dcbeacon.box.domain;

import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps what curation needs from other services' events: subscriptions, taste profiles, the catalogue,
 * campaigns and ratings. Runs inside the inbox transaction, so each event applies once; events of one
 * member or one product arrive in order (same key, same partition).
 */
@ApplicationScoped
public class CurationReplicas {

    private static final Logger LOG = Logger.getLogger(CurationReplicas.class);

    public void subscriptionStarted(SubscriptionStarted e) {
        SubscriptionReplica s = SubscriptionReplica.<SubscriptionReplica>findByIdOptional(e.memberId()).orElseGet(() -> {
            SubscriptionReplica created = new SubscriptionReplica();
            created.memberId = e.memberId();
            return created;
        });
        s.subscriptionId = e.subscriptionId();
        s.planId = e.planId();
        s.itemsPerBox = e.itemsPerBox();
        s.priceCents = e.priceCents();
        s.status = "ACTIVE";
        s.pausedUntil = null;
        s.skippedCycles = new ArrayList<>();
        s.updatedAt = now();
        s.persist();
    }

    public void paused(UUID memberId, String pausedUntil) {
        subscription(memberId, s -> {
            s.status = "PAUSED";
            s.pausedUntil = pausedUntil;
        });
    }

    public void resumed(UUID memberId) {
        subscription(memberId, s -> {
            s.status = "ACTIVE";
            s.pausedUntil = null;
        });
    }

    public void cycleSkipped(CycleSkipped e) {
        subscription(e.memberId(), s -> {
            List<String> skipped = new ArrayList<>(s.skippedCycles);
            if (!skipped.contains(e.cycle())) {
                skipped.add(e.cycle());
            }
            s.skippedCycles = skipped;
        });
    }

    public void planChanged(PlanChanged e) {
        subscription(e.memberId(), s -> {
            s.planId = e.planId();
            s.itemsPerBox = e.itemsPerBox();
            s.priceCents = e.priceCents();
        });
    }

    public void cancelled(UUID memberId) {
        subscription(memberId, s -> {
            s.status = "CANCELLED";
            s.pausedUntil = null;
        });
    }

    public void preferencesChanged(MemberPreferencesChanged e) {
        PreferenceReplica p = PreferenceReplica.<PreferenceReplica>findByIdOptional(e.memberId()).orElseGet(() -> {
            PreferenceReplica created = new PreferenceReplica();
            created.memberId = e.memberId();
            return created;
        });
        p.allergens = e.allergens();
        p.dietaryTags = e.dietaryTags();
        p.likedCategories = e.likedCategories();
        p.dislikedCategories = e.dislikedCategories();
        p.updatedAt = now();
        p.persist();
    }

    public void productPublishedOrUpdated(ProductData e) {
        CatalogueProduct p = CatalogueProduct.<CatalogueProduct>findByIdOptional(e.productId()).orElseGet(() -> {
            CatalogueProduct created = new CatalogueProduct();
            created.productId = e.productId();
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
        p.stock = e.stock();
        p.status = e.status();
        p.updatedAt = now();
        p.persist();
    }

    public void stockChanged(UUID productId, int stock) {
        product(productId, p -> p.stock = stock);
    }

    /** Retired and recalled products are never curated again; a recall also pulls them from open boxes (to come). */
    public void statusChanged(UUID productId, String status) {
        product(productId, p -> p.status = status);
    }

    public void campaignCreated(CampaignCreated e) {
        if (CampaignReplica.findById(e.campaignId()) != null) {
            return;
        }
        CampaignReplica c = new CampaignReplica();
        c.campaignId = e.campaignId();
        c.brandId = e.brandId();
        c.productId = e.productId();
        c.cycle = e.cycle();
        c.units = e.units();
        c.maxPerBox = e.maxPerBox();
        c.persist();
    }

    public void rated(ProductRated e) {
        MemberRating.Key key = new MemberRating.Key(e.memberId(), e.productId());
        MemberRating rating = MemberRating.<MemberRating>findByIdOptional(key).orElseGet(() -> {
            MemberRating created = new MemberRating();
            created.key = key;
            return created;
        });
        if (rating.ratedAt == null || !e.ratedAt().isBefore(rating.ratedAt)) {
            rating.stars = e.stars();
            rating.ratedAt = e.ratedAt();
            rating.persist();
        }
    }

    /** Everything curation holds about the member goes with an erasure. */
    public void erase(UUID memberId) {
        SubscriptionReplica.deleteById(memberId);
        PreferenceReplica.deleteById(memberId);
        MemberRating.delete("key.memberId", memberId);
    }

    private void subscription(UUID memberId, java.util.function.Consumer<SubscriptionReplica> change) {
        SubscriptionReplica.<SubscriptionReplica>findByIdOptional(memberId).ifPresentOrElse(s -> {
            change.accept(s);
            s.updatedAt = now();
        }, () -> LOG.warnf("Subscription event for member %s without a SubscriptionStarted first: ignored", memberId));
    }

    private void product(UUID productId, java.util.function.Consumer<CatalogueProduct> change) {
        CatalogueProduct.<CatalogueProduct>findByIdOptional(productId).ifPresentOrElse(p -> {
            change.accept(p);
            p.updatedAt = now();
        }, () -> LOG.warnf("Event for unknown product %s: ignored", productId));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
