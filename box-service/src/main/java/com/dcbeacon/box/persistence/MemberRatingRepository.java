package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.MemberRating;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MemberRatingRepository implements PanacheRepositoryBase<MemberRating, MemberRating.Key> {

    public List<MemberRating> ofMember(UUID memberId) {
        return list("key.memberId", memberId);
    }

    public List<MemberRating> ofMembers(Collection<UUID> memberIds) {
        return list("key.memberId in ?1", memberIds);
    }

    public long deleteOfMember(UUID memberId) {
        return delete("key.memberId", memberId);
    }
}
