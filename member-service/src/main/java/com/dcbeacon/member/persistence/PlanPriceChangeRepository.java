package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.PlanPriceChange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PlanPriceChangeRepository implements PanacheRepositoryBase<PlanPriceChange, UUID> {}
