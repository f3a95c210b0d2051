package com.dcbeacon.portal.pages;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An amount typed in euros ("12.34", "12", "12.5") as whole cents, exactly: more than two decimals, a sign, a
 * thousands separator or anything else is refused with what to write instead, never rounded. Whether the amount is
 * allowed (its limits) member-service decides.
 */
final class Euros {

    /** Digits with at most two decimals after a point (a comma as the decimal mark is accepted too). */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}([.,]\\d{1,2})?");

    static final String REFUSAL = "write the amount in euros with at most two decimals, e.g. 27.99";

    private Euros() {}

    /** The cents of the amount, or empty when it is not written as euros with at most two decimals. */
    static Optional<Long> toCents(String typed) {
        String amount = typed == null ? "" : typed.strip();
        if (!AMOUNT.matcher(amount).matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new BigDecimal(amount.replace(',', '.')).movePointRight(2).longValueExact());
    }

    /** Cents as the form shows them again: 2799 as "27.99". */
    static String of(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
