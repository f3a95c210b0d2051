package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.ErasureRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ErasureRequestRepository implements PanacheRepositoryBase<ErasureRequest, UUID> {

    public Optional<ErasureRequest> latestFor(UUID memberId) {
        return find("memberRef = ?1 order by requestedAt desc", ErasureRequest.memberRef(memberId))
                .firstResultOptional();
    }
}
