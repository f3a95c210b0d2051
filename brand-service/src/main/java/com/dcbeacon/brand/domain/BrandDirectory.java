package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.BrandRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BrandOnboarded;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** The brand partners: ops onboard them (the brand and its BrandOnboarded event commit together) and list them. */
@ApplicationScoped
public class BrandDirectory {

    private final BrandRepository brands;
    private final Outbox outbox;

    public BrandDirectory(BrandRepository brands, Outbox outbox) {
        this.brands = brands;
        this.outbox = outbox;
    }

    @Transactional
    public Brand onboard(String name, String contactEmail) {
        if (brands.nameTaken(name.trim())) {
            throw ProblemException.conflict("a brand named " + name.trim() + " already exists");
        }
        Brand brand = new Brand(name.trim(), contactEmail.trim());
        brands.persist(brand);
        outbox.publish(
                EventType.BRAND_ONBOARDED,
                brand.id.toString(),
                new BrandOnboarded(brand.id, brand.name, brand.onboardedAt));
        return brand;
    }

    /** Page {@code page} (from 0) of {@code size} brands, ordered by name. */
    public List<Brand> list(int page, int size) {
        return brands.byName(page, size);
    }

    /** The brand; 404 when there is none. */
    public Brand require(UUID brandId) {
        return brands.findByIdOptional(brandId).orElseThrow(() -> ProblemException.notFound("no brand " + brandId));
    }
}
