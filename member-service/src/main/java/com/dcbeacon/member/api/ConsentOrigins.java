package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.ConsentChannel;
import com.dcbeacon.platform.problem.ProblemException;
import java.util.UUID;

/**
 * The channel of a member's own call, for its record of consent: {@code WEB} when the portal says so in the {@value
 * #HEADER} header, else {@code API}; the actor is the member.
 */
final class ConsentOrigins {

    static final String HEADER = "Dcbeacon-Channel";

    private ConsentOrigins() {}

    static ConsentChannel.Origin member(UUID memberId, String channelHeader) {
        ConsentChannel channel;
        if (channelHeader == null || channelHeader.isBlank() || channelHeader.equalsIgnoreCase("API")) {
            channel = ConsentChannel.API;
        } else if (channelHeader.equalsIgnoreCase("WEB")) {
            channel = ConsentChannel.WEB;
        } else {
            throw ProblemException.invalidField(HEADER, "must be WEB or API");
        }
        return new ConsentChannel.Origin(channel, memberId.toString());
    }
}
