package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.Allergen;
import com.dcbeacon.platform.events.DietaryTag;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CommunicationPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A member's own details: address, taste profile, what they agreed to hear from us and what we told them. */
@ApplicationScoped
public class MemberProfile {

    /** Religious dietary choices are sensitive data, like allergies: stored only with the member's consent. */
    static final Set<DietaryTag> SENSITIVE_DIETARY_TAGS = EnumSet.of(DietaryTag.HALAL, DietaryTag.KOSHER);

    private final MemberRepository members;
    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final EntityManager em;

    public MemberProfile(
            MemberRepository members, NotificationRepository notifications, Outbox outbox, EntityManager em) {
        this.members = members;
        this.notifications = notifications;
        this.outbox = outbox;
        this.em = em;
    }

    public Member require(UUID memberId) {
        return members.findByIdOptional(memberId).orElseThrow(() -> ProblemException.notFound("no member " + memberId));
    }

    /** Page {@code page} (from 0) of {@code size} of the member's notifications, newest first; none for no member. */
    public List<Notification> notifications(UUID memberId, int page, int size) {
        return notifications.forMember(memberId, page, size);
    }

    @Transactional
    public Member changeAddress(UUID memberId, Address address) {
        Member member = require(memberId);
        member.shippingAddress = address;
        em.flush();
        return member;
    }

    /**
     * Allergies and religious diets are sensitive data: stored only with the member's explicit consent,
     * and published only to box-service's curation. Every change is a new preferences version.
     */
    @Transactional
    public Member changePreferences(
            UUID memberId,
            Collection<Allergen> allergens,
            Collection<DietaryTag> dietaryTags,
            Collection<String> liked,
            Collection<String> disliked,
            boolean sensitiveDataConsent) {
        boolean sensitive = !allergens.isEmpty() || dietaryTags.stream().anyMatch(SENSITIVE_DIETARY_TAGS::contains);
        if (sensitive && !sensitiveDataConsent) {
            throw ProblemException.invalidField(
                    "sensitiveDataConsent",
                    "allergies and halal or kosher choices are sensitive data; we store them only with your consent "
                            + "(sensitiveDataConsent: true), and use them only to keep unsafe or unwanted items out of your box");
        }
        List<String> likedCategories = normalized(liked);
        List<String> dislikedCategories = normalized(disliked);
        if (likedCategories.stream().anyMatch(dislikedCategories::contains)) {
            throw ProblemException.invalidField("likedCategories", "a category cannot be both liked and disliked");
        }
        Member member = require(memberId);
        member.allergens =
                allergens.stream().distinct().map(Enum::name).sorted().toList();
        member.dietaryTags =
                dietaryTags.stream().distinct().map(Enum::name).sorted().toList();
        member.likedCategories = likedCategories;
        member.dislikedCategories = dislikedCategories;
        member.sensitiveDataConsent = sensitiveDataConsent;
        member.preferencesVersion++;
        // Flush here so a concurrent change surfaces as an optimistic-lock conflict: no two changes share a version.
        em.flush();
        outbox.publish(
                EventType.MEMBER_PREFERENCES_CHANGED,
                memberId.toString(),
                new MemberPreferencesChanged(
                        memberId,
                        member.allergens,
                        member.dietaryTags,
                        member.likedCategories,
                        member.dislikedCategories,
                        member.sensitiveDataConsent,
                        now(),
                        member.preferencesVersion));
        return member;
    }

    @Transactional
    public Member changeCommunicationPreferences(UUID memberId, boolean marketingEmails, boolean surveys) {
        Member member = require(memberId);
        member.marketingEmails = marketingEmails;
        member.surveys = surveys;
        em.flush();
        outbox.publish(
                EventType.COMMUNICATION_PREFERENCES_CHANGED,
                memberId.toString(),
                new CommunicationPreferencesChanged(memberId, marketingEmails, surveys, now()));
        return member;
    }

    private static List<String> normalized(Collection<String> categories) {
        return categories.stream()
                .map(c -> c.trim().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .sorted()
                .toList();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
