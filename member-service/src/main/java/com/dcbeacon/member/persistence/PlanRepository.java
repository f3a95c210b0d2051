package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Plan;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, String> {}
