package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Ops onboarded a brand partner. */
public record BrandOnboarded(UUID brandId, String name, OffsetDateTime onboardedAt) {}
