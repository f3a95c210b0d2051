package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;

import com.dcbeacon.system.Http.Answer;
import java.util.Map;
import java.util.UUID;

/** A sign-up as the sign-up form sends it, with an e-mail address of its own on every call. */
final class MemberSignUp {

    private MemberSignUp() {}

    static Answer signUp(PlatformUnderTest platform, String label) {
        return signUp(platform, label, null);
    }

    /** A sign-up sent with the token of the account signing up (null: none), which links that account to the member. */
    static Answer signUp(PlatformUnderTest platform, String label, String token) {
        return Http.post(
                platform.url(MEMBER) + "/api/members",
                token,
                Map.of(
                        "email",
                        label + "." + UUID.randomUUID() + "@members.example",
                        "name",
                        "Member " + label,
                        "shippingAddress",
                        Map.of(
                                "line1",
                                "1 Snack Street",
                                "city",
                                "Amsterdam",
                                "postalCode",
                                "1011AB",
                                "country",
                                "NL")));
    }
}
