package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /** The identity provider's account (its {@code sub}) that signed the member up; null for a sign-up without one. */
    @Column(name = "account_subject")
    public String accountSubject;

    /** Allergen codes; stored only with {@link #sensitiveDataConsent}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> allergens = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dietary_tags", nullable = false)
    public List<String> dietaryTags = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "liked_categories", nullable = false)
    public List<String> likedCategories = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "disliked_categories", nullable = false)
    public List<String> dislikedCategories = new ArrayList<>();

    @Column(name = "sensitive_data_consent", nullable = false)
    public boolean sensitiveDataConsent;

    /** Opt-in: off until the member turns it on. */
    @Column(name = "marketing_emails", nullable = false)
    public boolean marketingEmails;

    @Column(nullable = false)
    public boolean surveys = true;

    /**
     * 1 at registration, one more per preferences change. Every subscription event carries it, so box-service can
     * wait until it holds preferences at least this new before it curates.
     */
    @Column(name = "preferences_version", nullable = false)
    public long preferencesVersion = 1;

    /** The code this member shares to refer others ({@link ReferralCodes}); created at sign-up, or on first read. */
    @Column(name = "referral_code")
    public String referralCode;

    @Version
    public long version;

    protected Member() {}

    public Member(String email, String name, Address shippingAddress) {
        this.id = UUID.randomUUID();
        this.email = email;
        this.name = name;
        this.shippingAddress = shippingAddress;
        this.registeredAt = OffsetDateTime.now();
    }
}
