package com.dcbeacon.member.domain;

import com.dcbeacon.platform.messaging.ErasedMembers;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Who counts as one person for referrals. Two sign-ups are the same person when their e-mail addresses are the same
 * once normalised (case, surrounding spaces, a "+tag" in the local part, and the dots of a Gmail address ignored), or
 * when they ship to the same address (first line, postal code and country, ignoring case, spacing and punctuation):
 * a member cannot earn a referral credit by signing up a second account for themselves or their own household.
 */
public final class SamePerson {

    private static final Set<String> DOTLESS_DOMAINS = Set.of("gmail.com", "googlemail.com");

    private SamePerson() {}

    public static String normaliseEmail(String email) {
        String address = email.trim().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return address;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (DOTLESS_DOMAINS.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /** The one-way key kept for "referred once per person": SHA-256 (hex) of the normalised e-mail. */
    public static String key(String email) {
        return ErasedMembers.ref(normaliseEmail(email));
    }

    public static boolean sameEmail(String one, String other) {
        return normaliseEmail(one).equals(normaliseEmail(other));
    }

    public static boolean sameAddress(Address one, Address other) {
        return one != null
                && other != null
                && plain(one.line1()).equals(plain(other.line1()))
                && plain(one.postalCode()).equals(plain(other.postalCode()))
                && plain(one.country()).equals(plain(other.country()));
    }

    private static String plain(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
