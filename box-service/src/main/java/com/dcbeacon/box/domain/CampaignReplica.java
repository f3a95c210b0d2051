package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "campaign_replica")
public class CampaignReplica {

    @Id
    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "brand_id", nullable = false)
    public UUID brandId;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(nullable = false)
    public String cycle;

    @Column(nullable = false)
    public int units;

    @Column(name = "max_per_box", nullable = false)
    public int maxPerBox;
}
