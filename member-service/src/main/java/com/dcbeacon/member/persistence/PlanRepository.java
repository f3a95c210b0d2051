package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Plan;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, String> {

    /** Every plan, cheapest base price first. */
    public List<Plan> cheapestFirst() {
        return listAll(Sort.by("priceCents"));
    }
}
