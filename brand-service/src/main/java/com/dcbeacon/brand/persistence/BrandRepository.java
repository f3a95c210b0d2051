package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.Brand;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class BrandRepository implements PanacheRepositoryBase<Brand, UUID> {

    public boolean nameTaken(String name) {
        return count("lower(name) = lower(?1)", name) > 0;
    }
}
