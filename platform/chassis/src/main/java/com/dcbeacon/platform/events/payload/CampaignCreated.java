package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record CampaignCreated(
        UUID campaignId,
        UUID brandId,
        UUID productId,
        String sku,
        String cycle,
        int units,
        int maxPerBox,
        OffsetDateTime createdAt) {}
