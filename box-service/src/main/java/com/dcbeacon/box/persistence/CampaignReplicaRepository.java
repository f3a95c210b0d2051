package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.CampaignReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CampaignReplicaRepository implements PanacheRepositoryBase<CampaignReplica, UUID> {

    public List<CampaignReplica> ofCycle(String cycle) {
        return list("cycle", cycle);
    }
}
