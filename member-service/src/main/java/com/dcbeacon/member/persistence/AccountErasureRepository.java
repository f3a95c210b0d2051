package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.AccountErasure;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AccountErasureRepository implements PanacheRepositoryBase<AccountErasure, UUID> {

    /** The oldest account erasure due now, locked for the caller's transaction; ones another instance holds skipped. */
    public Optional<AccountErasure> lockNextDue(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<AccountErasure> due = getEntityManager()
                .createNativeQuery("""
                        select * from account_erasure
                        where next_attempt_at <= ?1
                        order by created_at
                        limit 1
                        for update skip locked""", AccountErasure.class)
                .setParameter(1, now)
                .getResultList();
        return due.stream().findFirst();
    }
}
