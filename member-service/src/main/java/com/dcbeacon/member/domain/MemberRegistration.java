package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Signs members up: the new account and its MemberRegistered event commit together. */
@ApplicationScoped
public class MemberRegistration {

    private final MemberRepository members;
    private final Outbox outbox;

    public MemberRegistration(MemberRepository members, Outbox outbox) {
        this.members = members;
        this.outbox = outbox;
    }

    @Transactional
    public Member register(String email, String name, Address address) {
        if (members.emailTaken(email)) {
            throw ProblemException.conflict("a member with this e-mail address already exists");
        }
        Member member = new Member(email.trim(), name.trim(), address);
        members.persist(member);
        outbox.publish(EventType.MEMBER_REGISTERED, member.id.toString(),
                new MemberRegistered(member.id, address.country(), member.registeredAt));
        return member;
    }
}
