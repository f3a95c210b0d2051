package com.dcbeacon.brand.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A brand partner that lists products and funds sampling campaigns. */
@Entity
@Table(name = "brand")
public class Brand {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    @Column(name = "onboarded_at", nullable = false)
    public OffsetDateTime onboardedAt;

    protected Brand() {}

    public Brand(String name, String contactEmail) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.contactEmail = contactEmail;
        this.onboardedAt = OffsetDateTime.now();
    }
}
