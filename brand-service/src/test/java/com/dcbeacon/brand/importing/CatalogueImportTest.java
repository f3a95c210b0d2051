package com.dcbeacon.brand.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.dcbeacon.brand.domain.DietaryClaims;
import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * For any file: the counts add up to the rows, and the catalogue ends as exactly the valid rows, none of them with
 * dietary tags its allergens contradict.
 */
class CatalogueImportTest {

    /** An in-memory catalogue standing in for the database in this test of pure import logic. */
    static final class MemoryCatalogue implements CatalogueImport.Catalogue {
        final Map<String, ProductInput> bySku = new LinkedHashMap<>();
        final Map<String, UUID> ids = new HashMap<>();
        final Map<UUID, String> skus = new HashMap<>();

        @Override
        public Optional<CatalogueImport.Existing> find(String sku) {
            return Optional.ofNullable(bySku.get(sku))
                    .map(p -> new CatalogueImport.Existing(ids.get(sku), Product.hash(p), ProductStatus.PUBLISHED));
        }

        @Override
        public void create(ProductInput input) {
            UUID id = UUID.randomUUID();
            bySku.put(input.sku(), input);
            ids.put(input.sku(), id);
            skus.put(id, input.sku());
        }

        @Override
        public void update(UUID productId, ProductInput input) {
            bySku.put(skus.get(productId), input);
        }
    }

    @Property(tries = 300)
    void countsAddUpAndTheCatalogueIsTheValidRows(
            @ForAll("files") List<ProductInput> rows, @ForAll("files") List<ProductInput> secondFile) {
        MemoryCatalogue catalogue = new MemoryCatalogue();
        for (List<ProductInput> file : List.of(rows, secondFile)) {
            Map<String, ProductInput> before = new LinkedHashMap<>(catalogue.bySku);
            CatalogueImport run = new CatalogueImport(catalogue);
            for (int i = 0; i < file.size(); i++) {
                run.accept(ImportRow.of(i + 2, file.get(i)));
            }
            ImportResult result = run.result(true);

            assertThat(result.created() + result.updated() + result.unchanged() + result.rejectedRows())
                    .isEqualTo(file.size());

            Map<String, ProductInput> expected = new LinkedHashMap<>(before);
            List<String> seen = new ArrayList<>();
            for (ProductInput row : file) {
                boolean valid = com.dcbeacon.brand.domain.ProductValidation.violations(row)
                        .isEmpty();
                ProductInput stored = expected.get(row.sku());
                // A row equal to the stored product up to the order of its lists is "unchanged": the stored one stays.
                if (valid
                        && !seen.contains(row.sku())
                        && (stored == null || !Product.hash(stored).equals(Product.hash(row)))) {
                    expected.put(row.sku(), row);
                }
                if (valid) {
                    seen.add(row.sku());
                }
            }
            assertThat(catalogue.bySku).isEqualTo(expected);
            assertThat(catalogue.bySku.values())
                    .as("no product in the catalogue contradicts its own tags")
                    .allSatisfy(p -> assertThat(
                                    DietaryClaims.contradictions(p.allergens(), p.mayContain(), p.dietaryTags()))
                            .isEmpty());
        }
    }

    @Test
    void shouldListUnreadableCellsAndInvalidFieldsOfARowTogether() {
        MemoryCatalogue catalogue = new MemoryCatalogue();
        CatalogueImport run = new CatalogueImport(catalogue);
        ProductInput row = new ProductInput(
                "A-1", "Crisps", "chips", null, List.of("potato"), null, List.of("CHOCOLATE"), List.of(), 100L, 30, -1);

        run.accept(new ImportRow(7, row, List.of(new Violation(7L, "allergens", "is blank"))));

        ImportResult result = run.result(false);
        assertThat(result.rejectedRows()).isEqualTo(1);
        assertThat(result.rejected())
                .extracting(Violation::line, Violation::field)
                .containsExactly(tuple(7L, "allergens"), tuple(7L, "mayContain[0]"), tuple(7L, "stock"));
        assertThat(result.rejected().getFirst().message())
                .as("the blank cell is reported once, as blank")
                .isEqualTo("is blank");
        assertThat(catalogue.bySku).isEmpty();
    }

    @Provide
    Arbitrary<List<ProductInput>> files() {
        Arbitrary<String> sku = Arbitraries.of("A-1", "A-2", "B-1", "B-2", "C-1", "", "BAD SKU");
        Arbitrary<List<String>> allergens = Arbitraries.of("PEANUTS", "MILK", "SESAME", "CHOCOLATE")
                .list()
                .uniqueElements()
                .ofMaxSize(2)
                .injectNull(0.1);
        Arbitrary<List<String>> mayContain = Arbitraries.of("TREE_NUTS", "GLUTEN", "EGGS")
                .list()
                .uniqueElements()
                .ofMaxSize(2);
        Arbitrary<List<String>> tags = Arbitraries.of("VEGAN", "NUT_FREE", "GLUTEN_FREE", "DAIRY_FREE", "KOSHER")
                .list()
                .uniqueElements()
                .ofMaxSize(2);
        Arbitrary<Integer> stock = Arbitraries.integers().between(-2, 20);
        Arbitrary<String> name = Arbitraries.of("Chips", "Bar", "Crème", "");
        return Combinators.combine(sku, name, allergens, mayContain, tags, stock)
                .as((s, n, a, m, t, st) -> new ProductInput(s, n, "snacks", null, List.of("x"), a, m, t, 100L, 30, st))
                .list()
                .ofMaxSize(25);
    }
}
