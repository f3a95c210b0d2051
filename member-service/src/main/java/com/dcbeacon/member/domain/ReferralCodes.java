package com.dcbeacon.member.domain;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Referral codes: {@value #LENGTH} characters drawn by a {@link SecureRandom} from an alphabet of {@value #ALPHABET_SIZE}
 * that leaves out the look-alikes (0/O, 1/I/L), about 50 bits, so a code cannot be guessed. Read whatever the case, and
 * with spaces or hyphens a member may type ("k7mq-x2p9-ra" is "K7MQX2P9RA").
 */
public final class ReferralCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int ALPHABET_SIZE = 31;
    public static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodes() {}

    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as stored (upper case, no separators), or empty when it cannot be a code at all. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }
}
