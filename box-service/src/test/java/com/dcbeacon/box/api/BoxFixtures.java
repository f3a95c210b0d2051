package com.dcbeacon.box.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.BoxStatus;
import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.PreferenceReplica;
import com.dcbeacon.box.domain.SubscriptionReplica;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Members, products and curation runs for box-service tests, made through real events and the real API. */
@Singleton
final class BoxFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final ObjectMapper mapper;
    private final SubscriptionReplicaRepository subscriptionReplicaRepository;
    private final PreferenceReplicaRepository preferenceReplicaRepository;
    private final CatalogueProductRepository catalogueProductRepository;
    private final BoxRepository boxRepository;

    BoxFixtures(
            EventCodec codec,
            ObjectMapper mapper,
            SubscriptionReplicaRepository subscriptionReplicaRepository,
            PreferenceReplicaRepository preferenceReplicaRepository,
            CatalogueProductRepository catalogueProductRepository,
            BoxRepository boxRepository) {
        this.codec = codec;
        this.mapper = mapper;
        this.subscriptionReplicaRepository = subscriptionReplicaRepository;
        this.preferenceReplicaRepository = preferenceReplicaRepository;
        this.catalogueProductRepository = catalogueProductRepository;
        this.boxRepository = boxRepository;
    }

    /** Members this test created; {@link RetireTestMembers} cancels them after it. */
    private final java.util.Set<UUID> members = java.util.concurrent.ConcurrentHashMap.newKeySet();

    UUID subscriber(int items, List<String> allergens, List<String> liked) {
        return subscriber(UUID.randomUUID(), items, allergens, liked);
    }

    /** A subscriber with the given id (a test that needs it in a given range of member ids). */
    UUID subscriber(UUID member, int items, List<String> allergens, List<String> liked) {
        return subscriber(member, items, allergens, List.of(), liked);
    }

    /** A subscriber whose every item must carry the {@code diets} (dietary tags). */
    UUID subscriber(UUID member, int items, List<String> allergens, List<String> diets, List<String> liked) {
        members.add(member);
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_STARTED,
                new SubscriptionStarted(
                        member, UUID.randomUUID(), "classic", items, 2499, "EUR", OffsetDateTime.now(), 0, null));
        send(
                Topics.MEMBER_PREFERENCES,
                member,
                EventType.MEMBER_PREFERENCES_CHANGED,
                new MemberPreferencesChanged(
                        member, allergens, diets, liked, List.of(), !allergens.isEmpty(), OffsetDateTime.now(), 1));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> subscriptionReplicaRepository.findById(member) != null
                        && preferenceReplicaRepository.findById(member) != null));
        return member;
    }

    /** Cancels every member the finished test created and waits until box-service applied it. */
    void retireMembers() {
        List<UUID> retiring = List.copyOf(members);
        members.clear();
        cancel(retiring);
    }

    /** Cancels the members' subscriptions and waits until box-service applied it. */
    void cancel(List<UUID> retiring) {
        retiring.forEach(member -> send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_CANCELLED,
                new com.dcbeacon.platform.events.payload.SubscriptionCancelled(
                        member, UUID.randomUUID(), UUID.randomUUID(), OffsetDateTime.now(), 0)));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> retiring.stream().allMatch(member -> {
                    SubscriptionReplica s = subscriptionReplicaRepository.findById(member);
                    return s == null || s.status == BoxEligibility.Status.CANCELLED;
                })));
    }

    UUID product(String category, List<String> allergens, List<String> mayContain, int stock) {
        return product(category, allergens, mayContain, List.of(), stock);
    }

    /** A product carrying the dietary tags {@code diets}. */
    UUID product(String category, List<String> allergens, List<String> mayContain, List<String> diets, int stock) {
        return product(UUID.randomUUID(), category, allergens, mayContain, diets, stock);
    }

    /** A product with the given id (a test that needs products in a given order, the order their rows are locked in). */
    UUID product(
            UUID id, String category, List<String> allergens, List<String> mayContain, List<String> diets, int stock) {
        send(
                Topics.BRAND_EVENTS,
                id,
                EventType.PRODUCT_PUBLISHED,
                new ProductData(
                        id,
                        UUID.randomUUID(),
                        "Brand " + category,
                        "SKU-" + id.toString().substring(0, 8),
                        "Snack " + category,
                        category,
                        List.of("x"),
                        allergens,
                        mayContain,
                        diets,
                        100,
                        30,
                        stock,
                        "PUBLISHED",
                        OffsetDateTime.now()));
        await().atMost(TIMEOUT).until(() -> inTx(() -> catalogueProductRepository.findById(id) != null));
        return id;
    }

    /** The brand recalls the product; returns once box-service applied the recall. */
    void recall(UUID product) {
        send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_RECALLED,
                new com.dcbeacon.platform.events.payload.ProductRecalled(
                        product, UUID.randomUUID(), "SKU", "Undeclared peanuts", OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> catalogueProductRepository.findById(product).status
                        == com.dcbeacon.box.domain.ProductStatus.RECALLED));
    }

    JsonPath runCuration(String cycle) {
        String runId = ops().body("{\"cycle\":\"" + cycle + "\"}")
                .post("/api/curation-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> ops().get("/api/curation-runs/" + runId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DONE")));
        return ops().get("/api/curation-runs/" + runId).then().extract().jsonPath();
    }

    /** The member's box of the cycle, taken through pack, ship and deliver. */
    String deliveredBox(UUID member, String cycle) {
        String boxId = boxOf(member, cycle);
        ops().post("/api/boxes/" + boxId + "/pack").then().statusCode(200);
        ops().body("{\"trackingNumber\":\"T-1\"}")
                .post("/api/boxes/" + boxId + "/ship")
                .then()
                .statusCode(200);
        ops().post("/api/boxes/" + boxId + "/deliver").then().statusCode(200);
        return boxId;
    }

    /** The member's live (not withdrawn) box of the cycle, or null. */
    String boxOf(UUID member, String cycle) {
        return member(member)
                .get("/api/members/" + member + "/boxes")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.cycle == '" + cycle + "' && it.status != 'WITHDRAWN' }.id");
    }

    /** One of the member's boxes as the member sees it: status, items, price... */
    static JsonPath box(UUID member, String boxId) {
        return member(member)
                .get("/api/members/" + member + "/boxes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("find { it.id == '" + boxId + "' }");
    }

    static List<String> itemsOf(UUID member, String boxId) {
        return box(member, boxId).getList("items.productId", String.class);
    }

    /** A subscription to "classic" (2499 EUR) written when member-service held the member's preferences at {@code preferencesVersion}. */
    UUID subscription(UUID member, int items, long preferencesVersion) {
        UUID subscription = UUID.randomUUID();
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_STARTED,
                new SubscriptionStarted(
                        member,
                        subscription,
                        "classic",
                        items,
                        2499,
                        "EUR",
                        OffsetDateTime.now(),
                        preferencesVersion,
                        null));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> {
                    SubscriptionReplica s = subscriptionReplicaRepository.findById(member);
                    return s != null && subscription.equals(s.subscriptionId);
                }));
        return subscription;
    }

    EventEnvelope preferencesEvent(UUID member, List<String> allergens, List<String> liked, long version) {
        return codec.wrap(
                EventType.MEMBER_PREFERENCES_CHANGED,
                "/member-service",
                member.toString(),
                new MemberPreferencesChanged(
                        member,
                        allergens,
                        List.of(),
                        liked,
                        List.of(),
                        !allergens.isEmpty(),
                        OffsetDateTime.now(),
                        version));
    }

    /** Sends the member's preferences at {@code version} and waits until the replica holds that version. */
    void preferences(UUID member, List<String> allergens, List<String> liked, long version) {
        send(Topics.MEMBER_PREFERENCES, member, preferencesEvent(member, allergens, liked, version));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> {
                    PreferenceReplica p = preferenceReplicaRepository.findById(member);
                    return p != null && p.version == version;
                }));
    }

    /** The member's live (not withdrawn) boxes of the cycle. */
    long liveBoxes(UUID member, String cycle) {
        return inTx(() -> boxRepository.count(
                "memberId = ?1 and cycle = ?2 and status <> ?3", member, cycle, BoxStatus.WITHDRAWN));
    }

    /** Each product's stock went down by exactly the units in the cycle's live boxes, never below zero. */
    void assertStockExact(List<UUID> products, int initial, String cycle) {
        long placed = 0;
        for (UUID product : products) {
            long inBoxes = boxesWith(product, cycle);
            placed += inBoxes;
            org.assertj.core.api.Assertions.assertThat(stock(product))
                    .as("stock of " + product)
                    .isEqualTo(initial - (int) inBoxes)
                    .isNotNegative();
        }
        org.assertj.core.api.Assertions.assertThat(placed)
                .as("positive anchor: stock was taken")
                .isPositive();
    }

    int stock(UUID product) {
        return inTx(() -> catalogueProductRepository.findById(product).stock);
    }

    /** The allergens a product declares or may contain, as the replica holds them. */
    static Set<String> allergensAndTraces(String product) {
        return inTx(() -> {
            CatalogueProduct p = Arc.container()
                    .instance(CatalogueProductRepository.class)
                    .get()
                    .findById(UUID.fromString(product));
            Set<String> all = new HashSet<>(p.allergens);
            all.addAll(p.mayContain);
            return all;
        });
    }

    /** How many live (not withdrawn) boxes of the cycle hold the product, whoever they belong to. */
    static long boxesWith(UUID product, String cycle) {
        return inTx(() -> Arc.container()
                .instance(BoxRepository.class)
                .get()
                .getEntityManager()
                .createQuery(
                        "select count(distinct b) from Box b join b.items i where i.productId = ?1 and b.cycle = ?2 and b.status <> ?3",
                        Long.class)
                .setParameter(1, product)
                .setParameter(2, cycle)
                .setParameter(3, BoxStatus.WITHDRAWN)
                .getSingleResult());
    }

    /** How many live (not withdrawn) boxes the cycle has, whoever they belong to. */
    static long liveBoxesOf(String cycle) {
        return inTx(() -> Arc.container()
                .instance(BoxRepository.class)
                .get()
                .getEntityManager()
                .createQuery("select count(b) from Box b where b.cycle = ?1 and b.status <> ?2", Long.class)
                .setParameter(1, cycle)
                .setParameter(2, BoxStatus.WITHDRAWN)
                .getSingleResult());
    }

    void send(String topic, UUID key, EventType type, Object payload) {
        send(topic, key.toString(), type, payload);
    }

    void send(String topic, String key, EventType type, Object payload) {
        KafkaTestClient.send(topic, key, codec.write(codec.wrap(type, "/test", key, payload)));
    }

    void send(String topic, UUID key, EventEnvelope event) {
        KafkaTestClient.send(topic, key.toString(), codec.write(event));
    }

    /** Sends the event with its payload altered, e.g. broken or as an older producer wrote it (bypassing the producer's check). */
    void sendAltered(String topic, UUID key, EventEnvelope event, Consumer<ObjectNode> alterData) {
        try {
            ObjectNode envelope = (ObjectNode) mapper.readTree(codec.write(event));
            alterData.accept((ObjectNode) envelope.get("data"));
            KafkaTestClient.send(topic, key.toString(), mapper.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first event of {@code type} on box-events keyed {@code key} whose payload matches, as its payload. */
    JsonNode awaitPublished(EventType type, Object key, Predicate<JsonNode> data) {
        Predicate<ConsumerRecord<String, String>> match = r -> key.toString().equals(r.key())
                && type.typeName().equals(KafkaTestClient.header(r, "ce_type"))
                && data.test(codec.read(r.value()).data());
        Optional<ConsumerRecord<String, String>> found = KafkaTestClient.await(Topics.BOX_EVENTS, match, TIMEOUT);
        return codec.read(found.orElseThrow(
                                () -> new AssertionError("no " + type.typeName() + " keyed " + key + " on box-events"))
                        .value())
                .data();
    }

    /** Every event of {@code type} now on box-events whose payload matches, as payloads. */
    List<JsonNode> published(EventType type, Predicate<JsonNode> data) {
        return Published.all(Topics.BOX_EVENTS).stream()
                .filter(r -> type.typeName().equals(KafkaTestClient.header(r, "ce_type")))
                .map(r -> codec.read(r.value()).data())
                .filter(data)
                .toList();
    }

    static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    static RequestSpecification member(UUID id) {
        return given().auth().oauth2(TestTokens.member(id)).contentType(ContentType.JSON);
    }

    static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }

    /** An ops user with one ops role, e.g. {@code Roles.OPS_WAREHOUSE}. */
    static RequestSpecification ops(String role) {
        return given().auth().oauth2(TestTokens.ops(role)).contentType(ContentType.JSON);
    }
}
