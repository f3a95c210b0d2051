package com.dcbeacon.platform.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every event type of the platform, with the topic it travels on and the versions of its schema this build knows.
 * Each schema is {@code event-schemas/<Type>.v<version>.json} in this module: the one source of truth that producers
 * and consumers are both tested against. Producers write the newest version unless configured otherwise, consumers
 * read every version listed here unless narrowed ({@link EventVersions}).
 */
public enum EventType {
    MEMBER_REGISTERED("MemberRegistered", Topics.MEMBER_EVENTS, 1),
    /** v2: {@code version} is required (optional in v1, where a consumer applies its absence as version 0). */
    MEMBER_PREFERENCES_CHANGED("MemberPreferencesChanged", Topics.MEMBER_PREFERENCES, 1, 2),
    COMMUNICATION_PREFERENCES_CHANGED("CommunicationPreferencesChanged", Topics.MEMBER_EVENTS, 1),
    SUBSCRIPTION_STARTED("SubscriptionStarted", Topics.MEMBER_EVENTS, 1),
    SUBSCRIPTION_PAUSED("SubscriptionPaused", Topics.MEMBER_EVENTS, 1),
    SUBSCRIPTION_RESUMED("SubscriptionResumed", Topics.MEMBER_EVENTS, 1),
    CYCLE_SKIPPED("CycleSkipped", Topics.MEMBER_EVENTS, 1),
    PLAN_CHANGED("PlanChanged", Topics.MEMBER_EVENTS, 1),
    SUBSCRIPTION_CANCELLED("SubscriptionCancelled", Topics.MEMBER_EVENTS, 1),
    PLAN_PRICE_CHANGE_ANNOUNCED("PlanPriceChangeAnnounced", Topics.MEMBER_EVENTS, 1),
    MEMBER_DATA_EXPORT_REQUESTED("MemberDataExportRequested", Topics.MEMBER_EVENTS, 1),
    MEMBER_ERASURE_REQUESTED("MemberErasureRequested", Topics.MEMBER_EVENTS, 1),
    MEMBER_ERASED("MemberErased", Topics.MEMBER_EVENTS, 1),
    MEMBER_STATE_ANNOUNCED("MemberStateAnnounced", Topics.MEMBER_EVENTS, 1),
    BRAND_ONBOARDED("BrandOnboarded", Topics.BRAND_EVENTS, 1),
    PRODUCT_PUBLISHED("ProductPublished", Topics.BRAND_EVENTS, 1),
    PRODUCT_UPDATED("ProductUpdated", Topics.BRAND_EVENTS, 1),
    PRODUCT_STOCK_CHANGED("ProductStockChanged", Topics.BRAND_EVENTS, 1),
    PRODUCT_RETIRED("ProductRetired", Topics.BRAND_EVENTS, 1),
    PRODUCT_RECALLED("ProductRecalled", Topics.BRAND_EVENTS, 1),
    CAMPAIGN_CREATED("CampaignCreated", Topics.BRAND_EVENTS, 1),
    STOCK_ALLOCATED("StockAllocated", Topics.BOX_EVENTS, 1),
    STOCK_RELEASED("StockReleased", Topics.BOX_EVENTS, 1),
    BOX_CURATED("BoxCurated", Topics.BOX_EVENTS, 1),
    BOX_WITHDRAWN("BoxWithdrawn", Topics.BOX_EVENTS, 1),
    PRODUCT_REVIEW_OPENED("ProductReviewOpened", Topics.BOX_EVENTS, 1),
    PRODUCT_REVIEW_CLEARED("ProductReviewCleared", Topics.BOX_EVENTS, 1),
    BOX_ITEM_SWAPPED("BoxItemSwapped", Topics.BOX_EVENTS, 1),
    BOX_CONTENTS_CHANGED("BoxContentsChanged", Topics.BOX_EVENTS, 1),
    BOX_PACKED("BoxPacked", Topics.BOX_EVENTS, 1),
    BOX_DELIVERED("BoxDelivered", Topics.BOX_EVENTS, 1),
    RECALL_NOTICE_ISSUED("RecallNoticeIssued", Topics.BOX_EVENTS, 1),
    PRODUCT_RATED("ProductRated", Topics.FEEDBACK_EVENTS, 1),
    NPS_SURVEY_INVITED("NpsSurveyInvited", Topics.FEEDBACK_EVENTS, 1),
    BOX_SHIPPED("BoxShipped", Topics.BOX_EVENTS, 1),
    CREDIT_GRANTED("CreditGranted", Topics.BOX_EVENTS, 1),
    // The two below are published by every service that holds member data, point to point to member-service.
    MEMBER_DATA_EXPORT_PART("MemberDataExportPart", Topics.MEMBER_DATA_RIGHTS, 1),
    MEMBER_ERASURE_CONFIRMED("MemberErasureConfirmed", Topics.MEMBER_DATA_RIGHTS, 1);

    private final String typeName;
    private final String topic;
    private final SortedSet<Integer> versions;

    EventType(String typeName, String topic, int... versions) {
        this.typeName = typeName;
        this.topic = topic;
        this.versions = new TreeSet<>();
        Arrays.stream(versions).forEach(this.versions::add);
    }

    /**
     * True for an event that carries its subject's whole state with its own version (a member's preferences, a
     * re-announced member): a consumer applies it as soon as it is newer than what it applied, never parks it behind a
     * missing predecessor, and drops what was parked before it. So a lost preferences change never holds back a newer
     * one that carries the allergens.
     */
    public boolean isSnapshot() {
        return this == MEMBER_PREFERENCES_CHANGED || this == MEMBER_STATE_ANNOUNCED;
    }

    public String typeName() {
        return typeName;
    }

    /** The topic of the service that owns this event type. */
    public String topic() {
        return topic;
    }

    /** The newest version: the one producers write unless {@code dcbeacon.events.write-version} says otherwise. */
    public int version() {
        return versions.last();
    }

    /**
     * The versions this build reads and may write, oldest first. During a rolling upgrade to a new version, consumers
     * that read both are deployed first, then producers switch (docs/messaging.md, "Schemas").
     */
    public SortedSet<Integer> acceptedVersions() {
        return java.util.Collections.unmodifiableSortedSet(versions);
    }

    public String schemaResource(int version) {
        return "event-schemas/" + typeName + ".v" + version + ".json";
    }

    public String schemaUri(int version) {
        return "urn:dcbeacon:event:" + typeName + ":v" + version;
    }

    public String schemaUri() {
        return schemaUri(version());
    }

    public String schemaResource() {
        return schemaResource(version());
    }

    /** The version a {@code dataschema} attribute names for this type, if it names one. */
    public Optional<Integer> versionOf(String dataschema) {
        String prefix = "urn:dcbeacon:event:" + typeName + ":v";
        if (dataschema == null || !dataschema.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(dataschema.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static Optional<EventType> byTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
