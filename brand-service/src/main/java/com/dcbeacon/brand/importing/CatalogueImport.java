package com.dcbeacon.brand.importing;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.brand.domain.ProductValidation;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Decides, row by row, what an import does to a brand's catalogue: create, update, leave unchanged, or
 * reject with the line and field. Upserts by SKU; a SKU twice in one file is rejected the second time; a
 * recalled product is never changed. Knows nothing of files or databases, so it is tested as plain logic.
 */
public final class CatalogueImport implements Consumer<ImportRow> {

    /** The catalogue the import writes to. */
    public interface Catalogue {
        Optional<Existing> find(String sku);

        void create(com.dcbeacon.brand.domain.ProductInput input);

        void update(UUID productId, com.dcbeacon.brand.domain.ProductInput input);
    }

    public record Existing(UUID id, String contentHash, ProductStatus status) {}

    /** At most this many rejections are listed; all are counted. */
    public static final int MAX_LISTED_REJECTIONS = 1000;

    private final Catalogue catalogue;
    private final Map<String, Long> firstLineOfSku = new HashMap<>();
    private final List<Violation> rejections = new ArrayList<>();
    private int created;
    private int updated;
    private int unchanged;
    private int rejectedRows;

    public CatalogueImport(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void accept(ImportRow row) {
        List<Violation> problems = problems(row);
        if (!problems.isEmpty()) {
            reject(problems);
            return;
        }
        String sku = row.input().sku();
        Long firstLine = firstLineOfSku.putIfAbsent(sku, row.line());
        if (firstLine != null) {
            reject(List.of(new Violation(
                    row.line(),
                    "sku",
                    "SKU " + sku + " appears twice in this file (first on line " + firstLine + ")")));
            return;
        }
        Optional<Existing> existing = catalogue.find(sku);
        List<Violation> newSku = existing.isEmpty() ? ProductValidation.newSku(sku) : List.of();
        if (!newSku.isEmpty()) {
            reject(newSku.stream()
                    .map(v -> new Violation(row.line(), v.field(), v.message()))
                    .toList());
        } else if (existing.isEmpty()) {
            catalogue.create(row.input());
            created++;
        } else if (existing.get().status() == ProductStatus.RECALLED) {
            reject(List.of(new Violation(row.line(), "sku", "product " + sku + " is recalled; a recall is final")));
        } else if (existing.get().contentHash().equals(Product.hash(row.input()))) {
            unchanged++;
        } else {
            catalogue.update(existing.get().id(), row.input());
            updated++;
        }
    }

    /** What could not be read, then what validation finds in the fields that could, so one pass shows all. */
    private static List<Violation> problems(ImportRow row) {
        List<Violation> problems = new ArrayList<>(row.readProblems());
        if (row.input() == null) {
            return problems;
        }
        Set<String> unreadable =
                row.readProblems().stream().map(Violation::field).collect(Collectors.toSet());
        ProductValidation.violations(row.input()).stream()
                .filter(v -> !unreadable.contains(v.field().replaceFirst("\\[\\d+]$", "")))
                .map(v -> new Violation(row.line(), v.field(), v.message()))
                .forEach(problems::add);
        return problems;
    }

    private void reject(List<Violation> problems) {
        rejectedRows++;
        for (Violation v : problems) {
            if (rejections.size() < MAX_LISTED_REJECTIONS) {
                rejections.add(v);
            }
        }
    }

    public ImportResult result(boolean committed) {
        return new ImportResult(committed, created, updated, unchanged, rejectedRows, List.copyOf(rejections));
    }

    public boolean hasRejections() {
        return rejectedRows > 0;
    }
}
