package com.dcbeacon.brand.api;

import com.dcbeacon.brand.domain.Brand;
import java.time.OffsetDateTime;
import java.util.UUID;

public record BrandResponse(UUID id, String name, String contactEmail, OffsetDateTime onboardedAt) {

    static BrandResponse of(Brand brand) {
        return new BrandResponse(brand.id, brand.name, brand.contactEmail, brand.onboardedAt);
    }
}
