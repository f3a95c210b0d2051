package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A box size with one all-in price (shipping included). The list price before any announced change. */
@Entity
@Table(name = "plan")
public class Plan {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "items_per_box", nullable = false)
    public int itemsPerBox;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public String currency;
}
