package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Member;
import jakarta.validation.constraints.NotNull;

/** Marketing e-mails are opt-in (off by default); surveys are on until the member opts out. */
public record CommunicationPreferences(
        @NotNull Boolean marketingEmails, @NotNull Boolean surveys) {

    static CommunicationPreferences of(Member m) {
        return new CommunicationPreferences(m.marketingEmails, m.surveys);
    }
}
