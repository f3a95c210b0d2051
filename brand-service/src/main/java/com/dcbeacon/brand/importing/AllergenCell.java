package com.dcbeacon.brand.importing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code allergens} or {@code mayContain} cell of a CSV row. A blank cell is never "none": spreadsheets
 * leave cells blank when nobody filled them in, and missing allergen data must not reach a member as "contains
 * nothing". "None" is said explicitly with {@link #NONE} (any case), alone in the cell.
 */
final class AllergenCell {

    static final String NONE = "NONE";

    /** The codes of the cell (empty for NONE, not yet checked against the 14 EU codes), or why it cannot be read. */
    record Read(List<String> codes, String problem) {}

    private AllergenCell() {}

    static Read read(String field, String cell) {
        List<String> entries = cell == null
                ? List.of()
                : Arrays.stream(cell.split("\\|"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (entries.isEmpty()) {
            return new Read(
                    null,
                    "is blank; write " + NONE + " if the product "
                            + (field.equals("mayContain")
                                    ? "carries no 'may contain' warning"
                                    : "contains none of the 14 EU allergens")
                            + ", or list the codes separated by | (a blank cell is never read as none)");
        }
        boolean none = entries.stream().anyMatch(e -> e.toUpperCase(Locale.ROOT).equals(NONE));
        if (none && entries.size() > 1) {
            return new Read(null, NONE + " must stand alone in the cell, not together with allergen codes");
        }
        return new Read(none ? List.of() : entries, null);
    }
}
