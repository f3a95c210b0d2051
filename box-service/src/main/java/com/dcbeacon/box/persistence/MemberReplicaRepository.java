package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.MemberReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class MemberReplicaRepository implements PanacheRepositoryBase<MemberReplica, UUID> {}
