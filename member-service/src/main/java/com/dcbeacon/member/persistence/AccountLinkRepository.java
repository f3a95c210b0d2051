package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.AccountLink;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AccountLinkRepository implements PanacheRepositoryBase<AccountLink, UUID> {

    /**
     * The oldest link not yet pushed whose next attempt is due, locked for the caller's transaction; links another
     * instance holds are skipped, so each is pushed by one instance at a time.
     */
    public Optional<AccountLink> lockNextDue(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<AccountLink> due = getEntityManager()
                .createNativeQuery("""
                        select * from account_link
                        where linked_at is null and next_attempt_at <= ?1
                        order by created_at
                        limit 1
                        for update skip locked""", AccountLink.class)
                .setParameter(1, now)
                .getResultList();
        return due.stream().findFirst();
    }
}
