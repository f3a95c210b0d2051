package com.dcbeacon.portal.pages;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write what the services answer: amounts in cents as money, codes as words, times in UTC. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private Formats() {}

    /** 1234 cents in EUR as "EUR 12.34"; negative amounts keep their sign. */
    static String money(long cents, String currency) {
        return (currency == null ? "" : currency + " ")
                + BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** An API code as words: TREE_NUTS as "Tree nuts". */
    static String words(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String lower = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    static String utc(OffsetDateTime at) {
        return at == null ? "" : WHEN.format(at.atZoneSameInstant(java.time.ZoneOffset.UTC));
    }

    /** For a field's id and label: "allergen-PEANUTS". */
    static String id(String code, String prefix) {
        return prefix + "-" + code;
    }
}
