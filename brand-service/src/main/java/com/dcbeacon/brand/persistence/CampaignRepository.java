package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.Campaign;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, UUID> {

    /** Units of the product already committed to the cycle ({@code YYYY-MM}) by all its campaigns. */
    public long committedUnits(UUID productId, String cycle) {
        return find("productId = ?1 and cycle = ?2", productId, cycle).stream()
                .mapToLong(c -> c.units)
                .sum();
    }

    /** Page {@code page} (from 0) of {@code size} of the brand's campaigns, latest cycle first, then newest first. */
    public List<Campaign> forBrand(UUID brandId, int page, int size) {
        return find("brandId = ?1 order by cycle desc, createdAt desc", brandId)
                .page(Page.of(page, size))
                .list();
    }
}
