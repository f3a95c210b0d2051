package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;

import com.dcbeacon.system.Http.Answer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of what members and ops do all day (sign-ups, plan changes, pauses and resumes, item swaps, boxes
 * packed and shipped),
 * sent one after another from one thread, with a record of every request the platform acknowledged. Faults are
 * injected while it runs; afterwards the record says what every service must show.
 */
final class SteadyMemberLoad implements AutoCloseable {

    private static final List<String> PLANS = List.of("taster", "classic", "office");

    /** The state of a member's subscription as the last acknowledged answer gave it. */
    record Acknowledged(String status, String planId) {}

    private final PlatformUnderTest platform;
    private final Random random = new Random(20261129);
    private final List<UUID> subscribed = new ArrayList<>();
    private final Deque<UUID> boxesToShip = new ArrayDeque<>();
    private final Map<UUID, Acknowledged> acknowledgedState = new ConcurrentHashMap<>();
    /** Members whose latest request got no acknowledgement: their effect may or may not have happened. */
    private final Set<UUID> uncertain = ConcurrentHashMap.newKeySet();

    private final Set<UUID> registered = ConcurrentHashMap.newKeySet();
    private final Set<UUID> shipped = ConcurrentHashMap.newKeySet();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread worker;

    SteadyMemberLoad(PlatformUnderTest platform) {
        this.platform = platform;
    }

    /** Signs up and subscribes a member, outside any fault; returns its id. */
    UUID signUpAndSubscribe() {
        UUID member = signUp();
        if (member == null || !subscribe(member)) {
            throw new IllegalStateException("sign-up failed with the platform healthy");
        }
        return member;
    }

    void shipLater(UUID boxId) {
        synchronized (boxesToShip) {
            boxesToShip.add(boxId);
        }
    }

    void start() {
        running.set(true);
        worker = new Thread(this::loop, "steady-member-load");
        worker.start();
    }

    /** Stops after the request in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (worker != null) {
            worker.join();
        }
    }

    Set<UUID> registered() {
        return registered;
    }

    Map<UUID, Acknowledged> acknowledgedState() {
        return acknowledgedState;
    }

    Set<UUID> uncertain() {
        return uncertain;
    }

    Set<UUID> shipped() {
        return shipped;
    }

    long acknowledgedRequests() {
        return acknowledged.get();
    }

    long unacknowledgedRequests() {
        return unacknowledged.get();
    }

    private void loop() {
        while (running.get()) {
            int dice = random.nextInt(100);
            if (dice < 15) {
                UUID member = signUp();
                if (member != null) {
                    subscribe(member);
                }
            } else if (dice < 30) {
                shipNextBox();
            } else if (dice < 40) {
                swapAnItem();
            } else {
                changeSubscription();
            }
            ServiceProcess.sleep(40);
        }
    }

    private UUID signUp() {
        Answer answer = count(MemberSignUp.signUp(platform, "steady"));
        if (!answer.acknowledged()) {
            return null; // not acknowledged: the member may exist, but nobody was told so; nothing is owed
        }
        UUID member = UUID.fromString(answer.text("id"));
        registered.add(member);
        return member;
    }

    private boolean subscribe(UUID member) {
        Answer answer = subscriptionCall(member, "POST", "", Map.of("planId", "classic"));
        if (answer.acknowledged()) {
            synchronized (subscribed) {
                subscribed.add(member);
            }
        }
        return answer.acknowledged();
    }

    private void changeSubscription() {
        UUID member;
        synchronized (subscribed) {
            if (subscribed.isEmpty()) {
                return;
            }
            member = subscribed.get(random.nextInt(subscribed.size()));
        }
        Acknowledged known = acknowledgedState.get(member);
        if (known != null && known.status().equals("PAUSED") && random.nextBoolean()) {
            subscriptionCall(member, "POST", "/resume", null);
        } else if (random.nextInt(4) == 0) {
            subscriptionCall(member, "POST", "/pause", Map.of());
        } else {
            subscriptionCall(member, "PUT", "/plan", Map.of("planId", PLANS.get(random.nextInt(PLANS.size()))));
        }
    }

    private Answer subscriptionCall(UUID member, String method, String path, Object body) {
        String url = platform.url(MEMBER) + "/api/members/" + member + "/subscription" + path;
        String token = platform.tokens().member(member);
        Answer answer = count(method.equals("PUT") ? Http.put(url, token, body) : Http.post(url, token, body));
        if (answer.acknowledged()) {
            acknowledgedState.put(member, new Acknowledged(answer.text("status"), answer.text("planId")));
            uncertain.remove(member);
        } else if (answer.status() == 0 || answer.status() >= 500) {
            uncertain.add(member);
        }
        return answer;
    }

    /** A member swaps the first item of their open box; 409 (packed, withdrawn, nothing else safe) is a fine answer. */
    private void swapAnItem() {
        UUID member;
        synchronized (subscribed) {
            if (subscribed.isEmpty()) {
                return;
            }
            member = subscribed.get(random.nextInt(subscribed.size()));
        }
        String token = platform.tokens().member(member);
        Answer boxes = count(Http.get(platform.url(BOX) + "/api/members/" + member + "/boxes", token));
        if (!boxes.acknowledged() || boxes.body() == null) {
            return;
        }
        for (var box : boxes.body()) {
            if (box.path("status").asText().equals("CURATED")
                    && !box.path("items").isEmpty()) {
                String url = platform.url(BOX) + "/api/boxes/" + box.path("id").asText() + "/items/"
                        + box.path("items").get(0).path("productId").asText() + "/swap";
                if (count(Http.post(url, token, null)).acknowledged()) {
                    swaps.incrementAndGet();
                }
                return;
            }
        }
    }

    long swaps() {
        return swaps.get();
    }

    private void shipNextBox() {
        UUID box;
        synchronized (boxesToShip) {
            box = boxesToShip.poll();
        }
        if (box == null) {
            return;
        }
        String boxUrl = platform.url(BOX) + "/api/boxes/" + box;
        String ops = platform.tokens().ops();
        Answer packed = count(Http.post(boxUrl + "/pack", ops, null));
        Answer answer = packed.acknowledged() || packed.status() == 409
                ? count(Http.post(boxUrl + "/ship", ops, Map.of("trackingNumber", "STEADY-" + box)))
                : packed;
        if (answer.acknowledged()) {
            shipped.add(box);
        } else if (answer.status() != 409) {
            shipLater(box); // try again later; a 409 means it already left
        }
    }

    private Answer count(Answer answer) {
        (answer.acknowledged() ? acknowledged : unacknowledged).incrementAndGet();
        return answer;
    }
}
