package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Referral;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReferralRepository implements PanacheRepositoryBase<Referral, UUID> {

    /** The referrals a member made, newest first. */
    public List<Referral> madeBy(UUID referrerId) {
        return list("referrerId = ?1 order by referredAt desc, id", referrerId);
    }

    public Optional<Referral> ofReferee(UUID refereeId) {
        return find("refereeId", refereeId).firstResultOptional();
    }

    public boolean personReferred(String refereeKey) {
        return count("refereeKey", refereeKey) > 0;
    }

    /** Erasure: the member's id leaves every referral, on either side; the referral's state and key stay. */
    public void forget(UUID memberId) {
        update("referrerId = null where referrerId = ?1", memberId);
        update("refereeId = null where refereeId = ?1", memberId);
    }
}
