package com.dcbeacon.member.domain;

import java.util.UUID;

/**
 * The identity provider's directory of accounts, as far as member-service writes to it: which member an account acts
 * for, and which accounts go with an erased member. The real one is Keycloak's admin REST API ({@code identity.KeycloakAccountDirectory}).
 */
public interface AccountDirectory {

    /**
     * Records on the account with subject {@code accountSubject} that it acts for {@code memberId}, so its next
     * tokens carry that {@code member_id}. Idempotent: linking an account to the member it already acts for changes
     * nothing. Throws if the provider cannot be reached or refuses, or if the account acts for another member.
     */
    void linkMember(String accountSubject, UUID memberId);

    /**
     * Deletes the accounts of an erased member: the one with subject {@code accountSubject} (null: none) and every
     * account whose {@code member_id} is {@code memberId}. Idempotent: an account already gone is no error. Throws if
     * the provider cannot be reached or refuses.
     */
    void eraseAccounts(String accountSubject, UUID memberId);
}
