package com.dcbeacon.member;

import com.dcbeacon.member.domain.Address;
import com.dcbeacon.member.domain.ConsentChannel;
import com.dcbeacon.member.domain.Member;
import com.dcbeacon.member.domain.SubscriptionService;
import com.dcbeacon.member.persistence.MemberRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Test fixture: a member stored under an id the test chose, so that events keyed by that id (as the other services key
 * theirs) find their member. Registration over the API picks the id itself.
 */
@ApplicationScoped
public class StoredMembers {

    private final MemberRepository members;
    private final SubscriptionService subscriptions;

    public StoredMembers(MemberRepository members, SubscriptionService subscriptions) {
        this.members = members;
        this.subscriptions = subscriptions;
    }

    /** Stores a member with this id, in its own transaction. */
    public void store(UUID memberId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Member member = new Member(
                    "member-" + memberId + "@example.com",
                    "Ada Lovelace",
                    new Address("1 Main St", null, "Berlin", "10115", "DE"));
            member.id = memberId;
            members.persist(member);
        });
    }

    /** Stores a member with this id, subscribed to the plan; the subscription's id. */
    public UUID subscribed(UUID memberId, String planId) {
        store(memberId);
        return subscriptions
                .subscribe(memberId, planId, new ConsentChannel.Origin(ConsentChannel.API, memberId.toString()))
                .subscription()
                .id;
    }
}
