package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.MemberRating;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MemberRatingRepository implements PanacheRepositoryBase<MemberRating, MemberRating.Key> {

    /**
     * The member's rating of the product, or a new one holding only the key, not yet persisted: the caller fills it and
     * persists it.
     */
    public MemberRating findOrNew(MemberRating.Key key) {
        return findByIdOptional(key).orElseGet(() -> {
            MemberRating created = new MemberRating();
            created.key = key;
            return created;
        });
    }

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
