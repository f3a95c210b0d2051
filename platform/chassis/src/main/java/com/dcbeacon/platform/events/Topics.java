package com.dcbeacon.platform.events;

/** Kafka topic names; one topic per owning service, keyed by aggregate id. */
public final class Topics {
    public static final String MEMBER_EVENTS = "member-events";
    /** Sensitive member data (allergens, religious diets): only box-service may read it. */
    public static final String MEMBER_PREFERENCES = "member-preferences";

    public static final String BRAND_EVENTS = "brand-events";
    public static final String BOX_EVENTS = "box-events";
    public static final String FEEDBACK_EVENTS = "feedback-events";
    /**
     * Answers to member-service's data-rights requests (export parts with allergens, diets and free text; erasure
     * confirmations): point to point, only member-service may read it, kept one day.
     */
    public static final String MEMBER_DATA_RIGHTS = "member-data-rights";

    private Topics() {}

    /** The dead-letter topic of one consumer service for one source topic. */
    public static String deadLetter(String sourceTopic, String consumerService) {
        return sourceTopic + ".dlq." + consumerService;
    }
}
