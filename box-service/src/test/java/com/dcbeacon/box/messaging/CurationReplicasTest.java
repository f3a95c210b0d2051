package com.dcbeacon.box.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.MemberRating;
import com.dcbeacon.box.domain.PreferenceReplica;
import com.dcbeacon.box.domain.ProductStatus;
import com.dcbeacon.box.domain.SubscriptionReplica;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.events.payload.ProductRecalled;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The replicas curation works from, built from real events on the broker. */
@QuarkusTest
class CurationReplicasTest {

    @Inject
    CampaignReplicaRepository campaignReplicaRepository;

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    MemberRatingRepository memberRatingRepository;

    @Inject
    PreferenceReplicaRepository preferenceReplicaRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    EventCodec codec;

    @Test
    void shouldFollowAMembersSubscriptionAndTasteUntilErasure() {
        UUID member = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_STARTED,
                new SubscriptionStarted(member, subscription, "classic", 8, 2499, "EUR", now, 0, null));
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.CYCLE_SKIPPED,
                new CycleSkipped(member, subscription, "2027-01", now, 0));
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.PLAN_CHANGED,
                new PlanChanged(member, subscription, "office", 20, 5499, now, 0, null));
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_PAUSED,
                new SubscriptionPaused(member, subscription, "2027-03", now, 0));
        send(
                Topics.MEMBER_PREFERENCES,
                member,
                EventType.MEMBER_PREFERENCES_CHANGED,
                new MemberPreferencesChanged(
                        member,
                        List.of("PEANUTS"),
                        List.of("VEGAN"),
                        List.of("chips"),
                        List.of("candy"),
                        true,
                        now,
                        1));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            SubscriptionReplica s = inTx(() -> subscriptionReplicaRepository.findById(member));
            assertThat(s).isNotNull();
            assertThat(s.status).isEqualTo(BoxEligibility.Status.PAUSED);
            assertThat(s.pausedUntil).isEqualTo("2027-03");
            assertThat(s.itemsPerBox).isEqualTo(20);
            assertThat(s.skippedCycles).containsExactly("2027-01");
            PreferenceReplica p = inTx(() -> preferenceReplicaRepository.findById(member));
            assertThat(p).isNotNull();
            assertThat(p.allergens).containsExactly("PEANUTS");
        });

        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.MEMBER_ERASURE_REQUESTED,
                new MemberErasureRequested(member, UUID.randomUUID(), now));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat((Object) inTx(() -> preferenceReplicaRepository.findById(member)))
                    .isNull();
            assertThat((Object) inTx(() -> subscriptionReplicaRepository.findById(member)))
                    .isNull();
        });
    }

    @Test
    void shouldFollowTheCatalogueCampaignsAndRatings() {
        UUID product = UUID.randomUUID();
        UUID brand = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_PUBLISHED,
                new ProductData(
                        product,
                        brand,
                        "Crunchy Co",
                        "CC-1",
                        "Chili Crisps",
                        "chips",
                        List.of("potato"),
                        List.of("SESAME"),
                        List.of("PEANUTS"),
                        List.of("VEGAN"),
                        120,
                        40,
                        100,
                        "PUBLISHED",
                        now));
        send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_STOCK_CHANGED,
                new ProductStockChanged(product, brand, "CC-1", 70, now, null));
        send(
                Topics.BRAND_EVENTS,
                product,
                EventType.CAMPAIGN_CREATED,
                new CampaignCreated(UUID.randomUUID(), brand, product, "CC-1", "2027-01", 30, 1, now));
        send(
                Topics.FEEDBACK_EVENTS,
                member,
                EventType.PRODUCT_RATED,
                new ProductRated(UUID.randomUUID(), member, UUID.randomUUID(), product, 2, now));
        send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_RECALLED,
                new ProductRecalled(product, brand, "CC-1", "Undeclared nuts", now));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            CatalogueProduct p = inTx(() -> catalogueProductRepository.findById(product));
            assertThat(p).isNotNull();
            assertThat(p.stock).isEqualTo(70);
            assertThat(p.status).isEqualTo(ProductStatus.RECALLED);
            assertThat(p.mayContain).containsExactly("PEANUTS");
            assertThat(inTx(() -> campaignReplicaRepository.count("productId", product)))
                    .isEqualTo(1L);
            MemberRating rating = inTx(() -> memberRatingRepository.findById(new MemberRating.Key(member, product)));
            assertThat(rating).isNotNull();
            assertThat(rating.stars).isEqualTo(2);
        });
    }

    private void send(String topic, UUID key, EventType type, Object payload) {
        KafkaTestClient.send(topic, key.toString(), codec.write(codec.wrap(type, "/test", key.toString(), payload)));
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
