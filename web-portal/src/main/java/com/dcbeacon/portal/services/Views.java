package com.dcbeacon.portal.services;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The parts of the services' answers and requests the pages use, as the services name them (unknown fields of an
 * answer are ignored). Nothing here decides anything: states, prices and eligibility are the services'.
 */
public final class Views {

    private Views() {}

    public record Address(String line1, String city, String postalCode, String country) {}

    /**
     * {@code giftCode}: optional, a gift the new member claims with the sign-up; {@code referralCode}: optional, the
     * code of the member who referred them.
     */
    public record SignUp(String email, String name, Address shippingAddress, String giftCode, String referralCode) {}

    public record GiftClaim(String code) {}

    /** A plan's announced new price in cents, from {@code effectiveOn} (ISO date) on (member-service, "Prices"). */
    public record UpcomingPrice(long priceCents, String effectiveOn) {}

    /** {@code upcomingPrice}: null when no change is announced. */
    public record Plan(
            String id, String name, int itemsPerBox, long priceCents, String currency, UpcomingPrice upcomingPrice) {}

    /** The plan and the prices the page showed for it (member-service README, "Prices shown"). */
    public record Subscribe(String planId, Long shownPriceCents, Long shownUpcomingPriceCents) {}

    public record Skip(String cycle) {}

    /** {@code untilCycle}: the last month without a box ({@code YYYY-MM}); null pauses until the member resumes. */
    public record Pause(String untilCycle) {}

    /** The plan and the monthly price in cents (and any upcoming price) the page showed for it. */
    public record ChangePlan(String planId, Long shownPriceCents, Long shownUpcomingPriceCents) {}

    public record Cancel(String reason) {}

    public record Subscription(
            UUID id,
            String status,
            String planId,
            long priceCents,
            String currency,
            List<String> skippedCycles,
            String pausedUntil,
            String resumesOn,
            String nextCycle,
            UUID confirmationId,
            String giftLastCycle,
            String effect,
            ChangeWindow boxChangeWindow,
            UpcomingPrice upcomingPrice) {

        /**
         * Until when the member can change {@code box}, as member-service answers it for the box it last previewed
         * ({@code boxChangeWindow}); null for another box, or once box-service no longer takes changes to it.
         */
        public OffsetDateTime changesUntil(Box box) {
            return boxChangeWindow != null
                            && box != null
                            && box.swappable()
                            && box.id().equals(boxChangeWindow.boxId())
                    ? boxChangeWindow.changesUntil()
                    : null;
        }

        public boolean open() {
            return !"CANCELLED".equals(status);
        }

        /** A subscription a gift pays for, through {@code giftLastCycle}; it does not renew. */
        public boolean gift() {
            return giftLastCycle != null;
        }
    }

    /** The box member-service last previewed to the member and until when it can be changed (member-service README). */
    public record ChangeWindow(UUID boxId, int revision, OffsetDateTime changesUntil) {}

    public record Preferences(
            List<String> allergens,
            List<String> dietaryTags,
            List<String> likedCategories,
            List<String> dislikedCategories,
            Boolean sensitiveDataConsent) {}

    public record LedgerEntry(String type, long amountCents, String reason, UUID boxId, OffsetDateTime at) {}

    public record Ledger(List<LedgerEntry> entries, long balanceCents, long totalEntries) {}

    public record Item(UUID productId, String sku, String name, String brandName, String reason, boolean sponsored) {}

    /** A one-time add-on of the box: {@code quantity} units at {@code unitPriceCents}, together {@code cents}. */
    public record AddOn(UUID productId, String name, String brandName, int quantity, long unitPriceCents, long cents) {}

    /**
     * {@code priceCents} the box's price, {@code addOnsCents} its add-ons, {@code totalCents} what it costs when it
     * ships (box-service/README.md, "Add-ons").
     */
    public record Box(
            UUID id,
            String cycle,
            String status,
            List<Item> items,
            long priceCents,
            String currency,
            List<AddOn> addOns,
            long addOnsCents,
            long totalCents) {

        /** A box of a cycle the member's gift pays for: only its add-ons are charged (member-service, "Gifts"). */
        public boolean coveredBy(Subscription subscription) {
            return subscription != null
                    && subscription.gift()
                    && cycle != null
                    && cycle.compareTo(subscription.giftLastCycle()) <= 0;
        }

        /** box-service swaps items only while a box is CURATED; the page offers the button then. */
        public boolean swappable() {
            return "CURATED".equals(status);
        }

        public boolean upcoming() {
            return "CURATED".equals(status) || "PACKED".equals(status);
        }
    }
}
