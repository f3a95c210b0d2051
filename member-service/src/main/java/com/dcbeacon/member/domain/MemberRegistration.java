package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.AccountLinkRepository;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Signs members up: the new account, its MemberRegistered event and its starting taste profile (preferences version 1,
 * nothing declared yet) commit together, so box-service always holds the profile a subscription event names. A
 * referral, when a code was given, commits with them.
 */
@ApplicationScoped
public class MemberRegistration {

    private final MemberRepository members;
    private final AccountLinkRepository links;
    private final Outbox outbox;
    private final Clock clock;
    private final Referrals referrals;
    private final Gifts gifts;

    public MemberRegistration(
            MemberRepository members,
            AccountLinkRepository links,
            Outbox outbox,
            Clock clock,
            Referrals referrals,
            Gifts gifts) {
        this.gifts = gifts;
        this.members = members;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
        this.referrals = referrals;
    }

    /**
     * {@code referralCode}, optional: the code of the member who referred this one; refused (422, nothing written) when
     * no member holds it, when it is the new member's own (same person, see {@link SamePerson}), or when this person
     * was referred before.
     */
    @Transactional
    public Member register(String email, String name, Address address) {
        return register(email, name, address, null, null);
    }

    /**
     * A sign-up by the identity provider's account {@code accountSubject} (null: none): the member records it, and
     * the link to push to the provider ({@link AccountLinks}) commits with the member. One member per account.
     * {@code referralCode} as above.
     */
    @Transactional
    public Member register(String email, String name, Address address, String accountSubject, String referralCode) {
        return register(email, name, address, accountSubject, referralCode, null);
    }

    /**
     * As above; with {@code giftCode} the new member claims that gift in the same transaction ({@link Gifts#claim}), so
     * a refused claim (404, 409, 410 naming {@code giftCode}) signs nobody up.
     */
    @Transactional
    public Member register(
            String email, String name, Address address, String accountSubject, String referralCode, String giftCode) {
        if (accountSubject != null && members.accountTaken(accountSubject)) {
            throw accountTaken();
        }
        if (members.emailTaken(email)) {
            throw emailTaken();
        }
        Member referrer = referralCode == null ? null : referrals.referrerFor(referralCode, email, address);
        Member member = new Member(email.trim(), name.trim(), address);
        member.accountSubject = accountSubject;
        member.referralCode = referrals.newCode();
        members.persist(member);
        if (accountSubject != null) {
            links.persist(new AccountLink(member.id, accountSubject, OffsetDateTime.now(clock)));
        }
        if (referrer != null) {
            referrals.refer(referrer, member);
        }
        // A sign-up that passed the checks above at the same moment as this one is refused as the checks refuse it.
        UniqueIndexes.flush(
                members.getEntityManager(),
                Map.of(
                        "member_account_subject_unique", MemberRegistration::accountTaken,
                        "member_email_unique", MemberRegistration::emailTaken,
                        "referral_referee_key_key", Referrals::referredBefore));
        outbox.publish(
                EventType.MEMBER_REGISTERED,
                member.id.toString(),
                new MemberRegistered(member.id, address.country(), member.registeredAt));
        outbox.publish(
                EventType.MEMBER_PREFERENCES_CHANGED,
                member.id.toString(),
                new MemberPreferencesChanged(
                        member.id,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        false,
                        member.registeredAt,
                        member.preferencesVersion));
        if (giftCode != null) {
            gifts.claim(member.id, giftCode, "giftCode");
        }
        return member;
    }

    private static ProblemException accountTaken() {
        return ProblemException.conflict("this account has already signed up a member");
    }

    private static ProblemException emailTaken() {
        return ProblemException.conflict("a member with this e-mail address already exists");
    }
}
