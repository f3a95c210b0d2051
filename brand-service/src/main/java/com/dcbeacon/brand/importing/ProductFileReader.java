package com.dcbeacon.brand.importing;

import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.platform.problem.JsonPaths;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Streams the records of an import file, one at a time, so a 50,000-row file never sits in memory whole.
 * CSV through Jackson's CSV parser; NDJSON one JSON object per line. Only strict UTF-8 is accepted.
 *
 * <p>What spreadsheets write, and what we do with it:
 * <ul>
 * <li>RFC 4180 quoting, and line breaks inside a quoted description: read as written. A line break in any other
 *     cell, or a description holding the rest of a row on one line and the start of the next on the line after, is
 *     a quote never closed: the file is refused naming the line, since the following rows would otherwise be read
 *     into that cell and lost.</li>
 * <li>CRLF or LF line ends, mixed: accepted.</li>
 * <li>A UTF-8 byte order mark (Excel's "CSV UTF-8"): skipped.</li>
 * <li>Blank lines, and rows whose every cell is empty (",,,,," left by deleted rows): ignored, wherever they are.</li>
 * <li>One trailing separator on a row, or an empty column after the last header: ignored; a non-empty cell
 *     beyond the header makes the file malformed (the message names the line).</li>
 * <li>';' as the separator (spreadsheets in locales with a decimal comma): refused as a whole, with a message
 *     saying to export with ','; guessing the separator could read a ';' inside a description as a column break.</li>
 * <li>Any other encoding than UTF-8 (Windows-1252, UTF-16): refused as a whole.</li>
 * </ul>
 */
public final class ProductFileReader {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";
    public static final List<String> CSV_COLUMNS = List.of(
            "sku",
            "name",
            "category",
            "description",
            "ingredients",
            "allergens",
            "mayContain",
            "dietaryTags",
            "unitCostCents",
            "weightGrams",
            "stock");
    private static final Set<String> REQUIRED_COLUMNS = Set.copyOf(
            CSV_COLUMNS.stream().filter(c -> !c.equals("description")).toList());
    private static final CsvMapper CSV_MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .build();

    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    private final ObjectMapper json;

    public ProductFileReader(ObjectMapper json) {
        this.json = json;
    }

    public void read(String mediaType, InputStream body, Consumer<ImportRow> rows) {
        try (Reader reader = utf8(body)) {
            if (mediaType.startsWith(CSV)) {
                readCsv(reader, rows);
            } else {
                readNdjson(reader, rows);
            }
        } catch (CharacterCodingException e) {
            throw new MalformedFileException("the file is not valid UTF-8");
        } catch (IOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new MalformedFileException("the file is not valid UTF-8");
            }
            throw new MalformedFileException("the file could not be read: " + e.getMessage());
        }
    }

    private void readCsv(Reader reader, Consumer<ImportRow> rows) throws IOException {
        ObjectReader objectReader =
                CSV_MAPPER.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader());
        try (MappingIterator<Map<String, String>> records = objectReader.readValues(reader)) {
            List<String> columns = checkHeader(records);
            while (true) {
                long line = records.getCurrentLocation().getLineNr();
                Map<String, String> record;
                try {
                    if (!records.hasNextValue()) {
                        break;
                    }
                    line = records.getCurrentLocation().getLineNr();
                    record = records.nextValue();
                } catch (JsonProcessingException e) {
                    throw new MalformedFileException(
                            "malformed CSV near line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
                }
                if (record.values().stream().allMatch(v -> v == null || v.isBlank())) {
                    continue; // a row a spreadsheet left empty
                }
                checkCellsEndOnTheirLine(line, columns, record);
                rows.accept(csvRow(line, record));
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new MalformedFileException("the file is not valid UTF-8");
            }
            throw e;
        }
    }

    /** Checks the header row and returns the named columns in the file's order. */
    private static List<String> checkHeader(MappingIterator<Map<String, String>> records) throws IOException {
        try {
            if (!records.hasNextValue()
                    && ((CsvParser) records.getParser()).getSchema().size() == 0) {
                throw new MalformedFileException(
                        "the file is empty; expected a header row: " + String.join(",", CSV_COLUMNS));
            }
        } catch (JsonProcessingException e) {
            throw new MalformedFileException("malformed CSV header: " + e.getOriginalMessage());
        }
        CsvSchema schema = ((CsvParser) records.getParser()).getSchema();
        List<String> names = new ArrayList<>();
        schema.forEach(c -> names.add(c.getName()));
        if (names.size() == 1 && names.getFirst().contains(";")) {
            throw new MalformedFileException("the header row is separated by ';'; export the file as CSV with ',' "
                    + "(comma) separators: " + String.join(",", CSV_COLUMNS));
        }
        // Only an empty column after the last header (a trailing separator) goes unnamed; a column named twice or not
        // at all elsewhere would let one cell silently stand for another (two allergens columns: the last would win).
        int named = names.size();
        while (named > 0 && names.get(named - 1).isBlank()) {
            named--;
        }
        Set<String> header = new LinkedHashSet<>();
        for (int i = 0; i < named; i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                throw new MalformedFileException("wrong header row: column " + (i + 1) + " has no name (expected "
                        + String.join(",", CSV_COLUMNS) + ")");
            }
            if (!header.add(name)) {
                throw new MalformedFileException("wrong header row: column " + name + " appears twice");
            }
        }
        Set<String> missing = new LinkedHashSet<>(REQUIRED_COLUMNS);
        missing.removeAll(header);
        Set<String> unknown = new LinkedHashSet<>(header);
        unknown.removeAll(CSV_COLUMNS);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new MalformedFileException(
                    "wrong header row: " + (missing.isEmpty() ? "" : "missing columns " + missing + " ")
                            + (unknown.isEmpty() ? "" : "unknown columns " + unknown + " ") + "(expected "
                            + String.join(",", CSV_COLUMNS) + ")");
        }
        return List.copyOf(header);
    }

    /**
     * Refuses the file when a quote was most likely opened and never closed. RFC 4180 lets a quoted cell run over
     * several lines, so a stray quote reads every following line into one cell until the next quote closes it: the
     * rows on those lines vanish, and the cells after the closing quote (another product's allergens, say) become
     * this row's. Only {@code description} may hold line breaks, and not such that it holds rows: no line of it may
     * hold a separator for every column after it (the rest of a row) followed by a line holding one for every column
     * before it (the start of the next row).
     */
    private static void checkCellsEndOnTheirLine(long line, List<String> columns, Map<String, String> record) {
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String cell = record.get(column);
            if (cell == null || cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
                continue;
            }
            List<Long> separators = LINE_BREAK
                    .splitAsStream(cell)
                    .map(text -> text.chars().filter(c -> c == ',').count())
                    .toList();
            // Rows read into the cell hold no quote, so each is whole: a line of the cell holds the rest of a row
            // (a separator for every column after this one), and the next line a row's start up to this column (one
            // separator less: a row may end in the one spare separator the reader allows).
            int columnsAfter = columns.size() - 1 - i;
            boolean holdsRows = false;
            for (int j = 0; j + 1 < separators.size(); j++) {
                holdsRows |= separators.get(j) >= columnsAfter && separators.get(j + 1) >= Math.max(0, i - 1);
            }
            if (!column.equals("description") || holdsRows) {
                throw new MalformedFileException("malformed CSV at line " + line + ": the cell " + column
                        + " runs on over the following lines, so they would be read as part of it and their rows"
                        + " lost; a quote (\") opened in it is probably never closed. Close it, or write a quote"
                        + " inside a quoted cell as two (\"\"); only description may hold line breaks");
            }
        }
    }

    /** One CSV record; cells that cannot be read are listed with the row, the rest still goes to validation. */
    private static ImportRow csvRow(long line, Map<String, String> r) {
        List<Violation> problems = new ArrayList<>();
        ProductInput input = new ProductInput(
                blankToNull(r.get("sku")),
                blankToNull(r.get("name")),
                blankToNull(r.get("category")),
                blankToNull(r.get("description")),
                list(r.get("ingredients")),
                allergens(line, r, "allergens", problems),
                allergens(line, r, "mayContain", problems),
                list(r.get("dietaryTags")),
                number(line, r, "unitCostCents", problems),
                intOrNull(number(line, r, "weightGrams", problems)),
                intOrNull(number(line, r, "stock", problems)));
        return new ImportRow(line, input, problems);
    }

    private void readNdjson(Reader reader, Consumer<ImportRow> rows) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        String text;
        long line = 0;
        boolean any = false;
        while ((text = lines.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            any = true;
            try {
                ProductInput product = json.readValue(text, ProductInput.class);
                rows.accept(
                        product == null
                                ? ImportRow.unreadable(line, "", "not a JSON product: null")
                                : ImportRow.of(line, product));
            } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
                rows.accept(ImportRow.unreadable(line, e.getPropertyName(), "unknown field"));
            } catch (JsonProcessingException e) {
                // Strict JSON as on the endpoints: a value of the wrong type is named by its path ("stock",
                // "allergens[0]").
                rows.accept(ImportRow.unreadable(
                        line, JsonPaths.of(e), "not a valid JSON product: " + e.getOriginalMessage()));
            }
        }
        if (!any) {
            throw new MalformedFileException("the file is empty; expected one JSON product per line");
        }
    }

    /** Strict UTF-8, with a leading byte order mark skipped; an empty file is refused here. */
    private static Reader utf8(InputStream body) throws IOException {
        PushbackReader reader = new PushbackReader(
                new InputStreamReader(
                        body,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1);
        int first = reader.read();
        if (first == '\uFEFF') {
            first = reader.read();
        }
        if (first == -1) {
            throw new MalformedFileException(
                    "the file is empty; expected a header row: " + String.join(",", CSV_COLUMNS));
        }
        reader.unread(first);
        return reader;
    }

    private static List<String> list(String cell) {
        if (cell == null) {
            return null;
        }
        return Arrays.stream(cell.split("\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> allergens(long line, Map<String, String> r, String field, List<Violation> problems) {
        AllergenCell.Read read = AllergenCell.read(field, r.get(field));
        if (read.problem() != null) {
            problems.add(new Violation(line, field, read.problem()));
        }
        return read.codes();
    }

    private static Long number(long line, Map<String, String> r, String field, List<Violation> problems) {
        String value = r.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            problems.add(new Violation(line, field, "must be a whole number, not '" + value + "'"));
            return null;
        }
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
