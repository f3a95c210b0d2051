package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Member;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, UUID> {

    public boolean accountTaken(String accountSubject) {
        return count("accountSubject", accountSubject) > 0;
    }

    public boolean emailTaken(String email) {
        return count("lower(email) = lower(?1)", email) > 0;
    }

    /** The member sharing this referral code (as stored: normalised, see {@code ReferralCodes}). */
    public Optional<Member> byReferralCode(String code) {
        return find("referralCode", code).firstResultOptional();
    }
}
