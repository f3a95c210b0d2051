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

    public record SignUp(String email, String name, Address shippingAddress) {}

    public record Plan(String id, String name, int itemsPerBox, long priceCents, String currency) {}

    public record Subscribe(String planId) {}

    public record Skip(String cycle) {}

    public record Cancel(String reason) {}

    public record Subscription(
            UUID id,
            String status,
            String planId,
            long priceCents,
            String currency,
            List<String> skippedCycles,
            String pausedUntil,
            String nextCycle,
            UUID confirmationId,
            String effect) {

        public boolean open() {
            return !"CANCELLED".equals(status);
        }
    }

    public record Preferences(
            List<String> allergens,
            List<String> dietaryTags,
            List<String> likedCategories,
            List<String> dislikedCategories,
            Boolean sensitiveDataConsent) {}

    public record LedgerEntry(String type, long amountCents, String reason, UUID boxId, OffsetDateTime at) {}

    public record Ledger(List<LedgerEntry> entries, long balanceCents, long totalEntries) {}

    public record Item(UUID productId, String sku, String name, String brandName, String reason, boolean sponsored) {}

    public record Box(UUID id, String cycle, String status, List<Item> items, long priceCents, String currency) {

        /** box-service swaps items only while a box is CURATED; the page offers the button then. */
        public boolean swappable() {
            return "CURATED".equals(status);
        }

        public boolean upcoming() {
            return "CURATED".equals(status) || "PACKED".equals(status);
        }
    }
}
