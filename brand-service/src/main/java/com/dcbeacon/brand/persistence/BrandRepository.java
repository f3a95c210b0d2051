package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.Brand;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BrandRepository implements PanacheRepositoryBase<Brand, UUID> {

    public boolean nameTaken(String name) {
        return count("lower(name) = lower(?1)", name) > 0;
    }

    /** Page {@code page} (from 0) of {@code size} brands, ordered by name. */
    public List<Brand> byName(int page, int size) {
        return findAll(Sort.by("name")).page(Page.of(page, size)).list();
    }
}
