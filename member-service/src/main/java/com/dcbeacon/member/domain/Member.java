package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A person with an account. */
@Entity
@Table(name = "member")
public class Member {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String name;

    @Embedded
    public Address shippingAddress;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    protected Member() {
    }

    public Member(String email, String name, Address shippingAddress) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.name = name;
        this.shippingAddress = shippingAddress;
        this.registeredAt = OffsetDateTime.now();
    }
}
