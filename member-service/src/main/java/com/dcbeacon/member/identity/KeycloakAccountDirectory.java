package com.dcbeacon.member.identity;

import com.dcbeacon.member.domain.AccountDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The accounts of the realm at Keycloak, through its admin REST API as the service account of the client
 * {@code dcbeacon-member-service} (client credentials; its only role {@code realm-management/manage-users}): a link is
 * the user's {@code member_id} attribute, which the realm maps into the {@code member_id} claim.
 */
@ApplicationScoped
public class KeycloakAccountDirectory implements AccountDirectory {

    static final String MEMBER_ID = "member_id";

    private final Instance<Keycloak> keycloak;
    private final String realm;

    public KeycloakAccountDirectory(
            Instance<Keycloak> keycloak,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.realm", defaultValue = "dcbeacon") String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    @Override
    public void linkMember(String accountSubject, UUID memberId) {
        UserResource user = keycloak.get().realm(realm).users().get(accountSubject);
        UserRepresentation account = user.toRepresentation();
        Map<String, List<String>> attributes =
                account.getAttributes() == null ? new HashMap<>() : new HashMap<>(account.getAttributes());
        List<String> current = attributes.getOrDefault(MEMBER_ID, List.of());
        if (current.contains(memberId.toString())) {
            return;
        }
        if (!current.isEmpty()) {
            throw new IllegalStateException("account " + accountSubject + " already acts for another member");
        }
        attributes.put(MEMBER_ID, List.of(memberId.toString()));
        account.setAttributes(attributes);
        user.update(account);
    }

    @Override
    public void eraseAccounts(String accountSubject, UUID memberId) {
        UsersResource users = keycloak.get().realm(realm).users();
        Set<String> accounts = new LinkedHashSet<>();
        if (accountSubject != null) {
            accounts.add(accountSubject);
        }
        users.searchByAttributes(MEMBER_ID + ":" + memberId, true).stream()
                .map(UserRepresentation::getId)
                .forEach(accounts::add);
        for (String account : accounts) {
            try (Response answer = users.delete(account)) {
                int status = answer.getStatus();
                // 404: gone already (an earlier attempt, or an administrator)
                if (status != 204 && status != 404) {
                    throw new IllegalStateException("deleting account " + account + " answered " + status);
                }
            }
        }
    }
}
