package com.dcbeacon.member.identity;

import com.dcbeacon.member.domain.AccountDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
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
}
