package com.dcbeacon.member.domain;

import com.dcbeacon.platform.problem.ProblemException;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of a gift, as a plain class: its price, its claim code, and which cycles it pays for. A gift of N cycles
 * costs N times the plan's price today; it pays for N consecutive cycles from its scheduled start, or from the cycle
 * after the claim when it is claimed later (the recipient always gets all N); a skipped cycle is not made up.
 */
public final class GiftTerms {

    public static final int MIN_CYCLES = 1;
    public static final int MAX_CYCLES = 12;

    /** RFC 4648 base32 alphabet: 26 characters carry 130 bits, of which 128 are random. */
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static final int CODE_LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GiftTerms() {}

    public static long total(long priceCents, int cycles) {
        if (cycles < MIN_CYCLES || cycles > MAX_CYCLES) {
            throw ProblemException.invalidField(
                    "cycles", "must be from " + MIN_CYCLES + " to " + MAX_CYCLES + ", not " + cycles);
        }
        return Math.multiplyExact(priceCents, cycles);
    }

    /** A new claim code: 128 random bits from {@link SecureRandom}, base32, upper case. */
    public static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                code.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        code.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        return code.toString();
    }

    /** A code as typed: case, spaces and hyphens ignored; empty when it cannot be a code. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != CODE_LENGTH || !code.chars().allMatch(c -> BASE32.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /** The first cycle paid for: the scheduled start, or the cycle after the claim when that is later. */
    public static YearMonth firstCycle(YearMonth scheduledStart, YearMonth claimCycle) {
        YearMonth next = claimCycle.plusMonths(1);
        return scheduledStart.isBefore(next) ? next : scheduledStart;
    }

    public static YearMonth lastCycle(YearMonth firstCycle, int cycles) {
        return firstCycle.plusMonths(cycles - 1L);
    }

    /** Whether a box of {@code cycle} is one the gift pays for. */
    public static boolean covers(YearMonth firstCycle, YearMonth lastCycle, YearMonth cycle) {
        return !cycle.isBefore(firstCycle) && !cycle.isAfter(lastCycle);
    }
}
