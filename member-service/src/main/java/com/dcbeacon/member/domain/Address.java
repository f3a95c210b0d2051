package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A shipping address; the country is an ISO 3166-1 alpha-2 code. */
@Embeddable
public record Address(
        @Column(name = "address_line1") String line1,
        @Column(name = "address_line2") String line2,
        @Column(name = "address_city") String city,
        @Column(name = "address_postal_code") String postalCode,
        @Column(name = "address_country") String country) {}
