package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.ReferralRepository;
import com.dcbeacon.platform.problem.ProblemDetail;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Referral credits. A member shares their code; a new member signing up with it is referred (once per person, never by
 * the same person: {@link SamePerson}); the referee's first charged box credits both, once; if that box is then credited
 * in full for wrong or missing items, both credits are reversed, once. What to book is answered to {@link Ledger}, which
 * books it in the transaction of the event that caused it.
 */
@ApplicationScoped
public class Referrals {

    private static final Logger LOG = Logger.getLogger(Referrals.class);

    /** Issue types meaning the member did not get the box they paid for: credited in full, the referral falls. */
    public static final Set<String> NOT_RECEIVED = Set.of("WRONG_ITEMS", "MISSING_ITEMS");

    /** An entry {@link Ledger} books for a referral: a credit, or a reversal of one. */
    public record Booking(UUID memberId, LedgerEntry.Type type, long amountCents, String reason, UUID sourceId) {}

    /** A member's code and the referrals they made, newest first. */
    public record Overview(String code, long referrerCreditCents, long refereeCreditCents, List<Referral> referrals) {}

    private final MemberRepository members;
    private final ReferralRepository referrals;
    private final long referrerCreditCents;
    private final long refereeCreditCents;

    public Referrals(
            MemberRepository members,
            ReferralRepository referrals,
            @ConfigProperty(name = "dcbeacon.referrals.referrer-credit-cents", defaultValue = "1500")
                    long referrerCreditCents,
            @ConfigProperty(name = "dcbeacon.referrals.referee-credit-cents", defaultValue = "1500")
                    long refereeCreditCents) {
        if (referrerCreditCents < 0 || refereeCreditCents < 0) {
            throw new IllegalArgumentException("dcbeacon.referrals.*-credit-cents cannot be negative");
        }
        this.members = members;
        this.referrals = referrals;
        this.referrerCreditCents = referrerCreditCents;
        this.refereeCreditCents = refereeCreditCents;
    }

    /** A code no member holds yet. */
    public String newCode() {
        String code = ReferralCodes.generate();
        while (members.byReferralCode(code).isPresent()) {
            code = ReferralCodes.generate();
        }
        return code;
    }

    /**
     * Sign-up with a code, before anything is written: the referrer. 422 naming {@code referralCode} for a code no
     * member holds, for the referrer's own e-mail or delivery address, and for a person referred before (whatever
     * became of that account).
     */
    public Member referrerFor(String typedCode, String email, Address address) {
        Member referrer = ReferralCodes.normalise(typedCode)
                .flatMap(members::byReferralCode)
                .orElseThrow(() -> refused("no member shares this code"));
        if (SamePerson.sameEmail(referrer.email, email) || SamePerson.sameAddress(referrer.shippingAddress, address)) {
            throw refused("a member cannot refer themselves (same e-mail or delivery address as the code's member)");
        }
        if (referrals.personReferred(SamePerson.key(email))) {
            throw referredBefore();
        }
        return referrer;
    }

    /** Runs in the sign-up's transaction. */
    public Referral refer(Member referrer, Member referee) {
        Referral referral = new Referral();
        referral.id = UUID.randomUUID();
        referral.referrerId = referrer.id;
        referral.refereeId = referee.id;
        referral.refereeKey = SamePerson.key(referee.email);
        referral.status = Referral.Status.PENDING;
        referral.referredAt = referee.registeredAt;
        referrals.persist(referral);
        return referral;
    }

    /** The member's code (created now for a member who signed up before codes existed) and their referrals. */
    @Transactional
    public Overview overview(UUID memberId) {
        Member member = members.findByIdOptional(memberId)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        if (member.referralCode == null) {
            member = members.findByIdOptional(memberId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
            if (member.referralCode == null) {
                member.referralCode = newCode();
            }
        }
        return new Overview(member.referralCode, referrerCreditCents, refereeCreditCents, referrals.madeBy(memberId));
    }

    /**
     * Runs in the inbox transaction that charged box {@code boxId} to the member: if it is the first charged box of a
     * referred member, both are credited (the referrer only while not erased), once.
     */
    public List<Booking> boxCharged(UUID refereeId, UUID boxId, OffsetDateTime at) {
        Optional<Referral> pending = locked(refereeId, r -> r.status == Referral.Status.PENDING);
        if (pending.isEmpty()) {
            return List.of();
        }
        Referral referral = pending.get();
        referral.status = Referral.Status.CREDITED;
        referral.qualifyingBoxId = boxId;
        referral.creditedAt = at;
        referral.refereeCreditCents = refereeCreditCents;
        referral.referrerCreditCents = referral.referrerId == null ? 0 : referrerCreditCents;
        List<Booking> bookings = new ArrayList<>();
        add(
                bookings,
                referral,
                Referral.Side.REFEREE,
                LedgerEntry.Type.CREDIT,
                "Referral credit: welcome, you joined through a referral and your first box shipped");
        add(
                bookings,
                referral,
                Referral.Side.REFERRER,
                LedgerEntry.Type.CREDIT,
                "Referral credit: a member you referred got their first box");
        LOG.infof("Referral %s credited on box %s", referral.id, boxId);
        return bookings;
    }

    /**
     * Runs in the transaction that booked a credit for box {@code boxId}: when it is the referral's qualifying box and
     * credits for wrong or missing items now cover its whole charge, both referral credits are reversed, once.
     */
    public List<Booking> boxCredited(UUID refereeId, UUID boxId, long chargedCents, long notReceivedCreditedCents) {
        if (chargedCents <= 0 || notReceivedCreditedCents < chargedCents) {
            return List.of();
        }
        Optional<Referral> credited =
                locked(refereeId, r -> r.status == Referral.Status.CREDITED && boxId.equals(r.qualifyingBoxId));
        if (credited.isEmpty()) {
            return List.of();
        }
        Referral referral = credited.get();
        referral.status = Referral.Status.REVERSED;
        referral.reversedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String reason = "Referral credit reversed: the first box of the referral was credited in full for wrong or"
                + " missing items";
        List<Booking> bookings = new ArrayList<>();
        add(bookings, referral, Referral.Side.REFEREE, LedgerEntry.Type.REVERSAL, reason);
        add(bookings, referral, Referral.Side.REFERRER, LedgerEntry.Type.REVERSAL, reason);
        LOG.infof("Referral %s reversed on box %s", referral.id, boxId);
        return bookings;
    }

    /** Erasure, before the member's ledger is deleted: waits for a referral being credited, then forgets the id. */
    public void forget(UUID memberId) {
        referrals.forget(memberId);
    }

    /**
     * The referee's referral in the wanted state, locked. Lock order as erasure's: the referrer's member row first, then
     * the referral, so a referrer erased meanwhile is seen (its id cleared) and never credited.
     */
    private Optional<Referral> locked(UUID refereeId, Predicate<Referral> wanted) {
        Optional<Referral> unlocked = referrals.ofReferee(refereeId).filter(wanted);
        if (unlocked.isEmpty()) {
            return Optional.empty();
        }
        Referral referral = unlocked.get();
        if (referral.referrerId != null) {
            members.findByIdOptional(referral.referrerId, LockModeType.PESSIMISTIC_WRITE);
        }
        referrals.getEntityManager().refresh(referral, LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(referral).filter(r -> refereeId.equals(r.refereeId)).filter(wanted);
    }

    private static void add(
            List<Booking> bookings, Referral referral, Referral.Side side, LedgerEntry.Type type, String reason) {
        UUID memberId = side == Referral.Side.REFEREE ? referral.refereeId : referral.referrerId;
        long amount = side == Referral.Side.REFEREE ? referral.refereeCreditCents : referral.referrerCreditCents;
        if (memberId == null || amount <= 0) {
            return;
        }
        UUID source = type == LedgerEntry.Type.CREDIT ? referral.creditSource(side) : referral.reversalSource(side);
        bookings.add(new Booking(memberId, type, amount, reason + " (referral " + referral.id + ")", source));
    }

    /** 422 naming {@code referralCode}: this person (by {@link SamePerson#key}) was referred before. */
    static ProblemException referredBefore() {
        return refused("this person was referred before; a person is referred once");
    }

    private static ProblemException refused(String message) {
        return new ProblemException(
                422,
                "Unprocessable Content",
                "referralCode: " + message,
                List.of(new ProblemDetail.Violation("referralCode", message)));
    }
}
