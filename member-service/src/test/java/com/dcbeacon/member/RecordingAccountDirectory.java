package com.dcbeacon.member;

import com.dcbeacon.member.domain.AccountDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identity provider's directory in this module's tests (they run without Keycloak; the system tests use the real
 * one): remembers which member each account was linked to and how often, and is down for an account while told so.
 */
@Alternative
@Priority(1)
@Singleton
public class RecordingAccountDirectory implements AccountDirectory {

    private final Map<String, UUID> links = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pushes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    @Override
    public void linkMember(String accountSubject, UUID memberId) {
        pushes.computeIfAbsent(accountSubject, s -> new AtomicInteger()).incrementAndGet();
        AtomicInteger down = outages.get(accountSubject);
        if (down != null && down.getAndDecrement() > 0) {
            throw new IllegalStateException("the identity provider does not answer");
        }
        links.put(accountSubject, memberId);
    }

    @Override
    public void eraseAccounts(String accountSubject, UUID memberId) {
        String key = accountSubject != null ? accountSubject : memberId.toString();
        pushes.computeIfAbsent(key, s -> new AtomicInteger()).incrementAndGet();
        AtomicInteger down = outages.get(key);
        if (down != null && down.getAndDecrement() > 0) {
            throw new IllegalStateException("the identity provider does not answer");
        }
        links.values().removeIf(memberId::equals);
        if (accountSubject != null) {
            links.remove(accountSubject);
        }
        erased.add(key);
    }

    /** Whether the accounts of this subject (or, with none, of this member id) were erased. */
    public boolean erased(String accountSubjectOrMemberId) {
        return erased.contains(accountSubjectOrMemberId);
    }

    /** The provider is down for the next {@code times} pushes of this account's link. */
    public void downFor(String accountSubject, int times) {
        outages.put(accountSubject, new AtomicInteger(times));
    }

    /** The member the account was linked to, or null. */
    public UUID linkOf(String accountSubject) {
        return links.get(accountSubject);
    }

    /** How often the account's link was pushed, taken or not. */
    public int pushesOf(String accountSubject) {
        AtomicInteger count = pushes.get(accountSubject);
        return count == null ? 0 : count.get();
    }
}
