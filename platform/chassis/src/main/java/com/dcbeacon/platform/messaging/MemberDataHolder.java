package com.dcbeacon.platform.messaging;

import java.util.UUID;

/** What a service holds about a member, for the member's data rights. Runs inside the inbox transaction. */
public interface MemberDataHolder {

    /** Everything this service holds about the member, as a JSON-serializable object. */
    Object export(UUID memberId);

    /** Removes the member's personal data; anonymous aggregates may stay. */
    void erase(UUID memberId);
}
