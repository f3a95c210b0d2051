package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.events.payload.CommunicationPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Keeps each member as member-service's events describe them: country and registration, whether they take surveys, and
 * their plan (for NPS by plan). Runs inside the inbox transaction, so each event applies once; events of one member
 * arrive in order (same key, same partition). Whichever event comes first creates the replica.
 */
@ApplicationScoped
public class MemberReplicas {

    private final MemberReplicaRepository members;

    public MemberReplicas(MemberReplicaRepository members) {
        this.members = members;
    }

    /** Creates the replica or overwrites its country and registration. */
    public void registered(MemberRegistered e) {
        members.persist(registered(e.memberId(), e.country(), e.registeredAt()));
    }

    public void communicationPreferencesChanged(CommunicationPreferencesChanged e) {
        MemberReplica member = members.findOrNew(e.memberId());
        member.surveys = e.surveys();
        members.persist(member);
    }

    /** The member's plan from now on (a subscription started or its plan changed). */
    public void planChanged(UUID memberId, String planId) {
        MemberReplica member = members.findOrNew(memberId);
        member.planId = planId;
        members.persist(member);
    }

    /** A re-announced member (a replica rebuild): the newest state, so it overwrites what the replica holds. */
    public void memberAnnounced(MemberStateAnnounced e) {
        MemberReplica member = registered(e.memberId(), e.country(), e.registeredAt());
        member.surveys = e.surveys();
        if (e.subscription() != null) {
            member.planId = e.subscription().planId();
        }
        members.persist(member);
    }

    private MemberReplica registered(UUID memberId, String country, OffsetDateTime registeredAt) {
        MemberReplica member = members.findOrNew(memberId);
        member.country = country;
        member.registeredAt = registeredAt;
        member.replicatedAt = OffsetDateTime.now();
        return member;
    }
}
