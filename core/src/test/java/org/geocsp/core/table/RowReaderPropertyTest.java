package org.geocsp.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;

/**
 * Generated cells through the one row validator: every table either yields valid rows (finite
 * coordinates in range, finite float32 embeddings of one width) or fails with one
 * {@link InvalidInputException} whose message names the file, a row and (for cell problems) a
 * column; never another exception.
 */
class RowReaderPropertyTest {

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("", " ", "NaN", "nan", "-Infinity", "inf", "0x1p4", "1d", "1e39", "-1e39", "1e-50",
                        "91", "-181", "180", "1 2", "[1,2]", "\uFEFF1", "1,5", "\u0661"),
                Arbitraries.doubles().between(-200, 200).map(d -> Double.toString(d)),
                Arbitraries.integers().between(-100, 100).map(i -> Integer.toString(i)));
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<List<String>> row = cells().list().ofMinSize(0).ofMaxSize(6);
        return row.list().ofMinSize(0).ofMaxSize(12);
    }

    @Property(tries = 400)
    void theReaderReturnsValidRowsOrNamesTheProblem(@ForAll("tables") List<List<String>> rows,
            @ForAll boolean skipMissing, @ForAll boolean wrap, @ForAll boolean vector) {
        Header h = new Header("file 'gen.csv'", vector ? List.of("lon", "lat", "label", "emb", "x")
                : List.of("lon", "lat", "label", "f0", "f1"));
        EmbeddingSource e = vector ? EmbeddingSource.ofVector(3, "emb", -1)
                : EmbeddingSource.ofColumns(h.numbered("f", -1, "image-embedding"), h);
        TableSchema s = TableSchema.location(h.size(), 0, "lon", 1, "lat").withLabel(2, "label").withEmbedding(e);
        RowValidator v = new RowValidator("file 'gen.csv'", s,
                skipMissing ? MissingValuePolicy.SKIP_AND_COUNT : MissingValuePolicy.FAIL,
                wrap ? LongitudePolicy.WRAP : LongitudePolicy.REJECT, false, null);
        TextRow cells = new TextRow();
        int width = -1;
        long kept = 0;
        try {
            for (int i = 0; i < rows.size(); i++) {
                if (v.validate(i + 1, null, cells.of(rows.get(i)))) {
                    kept++;
                    assertTrue(Double.isFinite(v.lon()) && v.lon() >= -180 && v.lon() <= 180, "lon " + v.lon());
                    assertTrue(Double.isFinite(v.lat()) && v.lat() >= -90 && v.lat() <= 90, "lat " + v.lat());
                    assertTrue(v.label() != null && !v.label().isBlank());
                    float[] emb = v.embedding();
                    width = width < 0 ? emb.length : width;
                    assertEquals(width, emb.length);
                    for (float x : emb) {
                        assertTrue(Float.isFinite(x));
                    }
                }
            }
            v.finish();
            assertTrue(kept > 0);
            assertEquals(rows.size(), kept + v.skipped());
        } catch (InvalidInputException ex) {
            String m = ex.getMessage();
            assertTrue(m.startsWith("file 'gen.csv'"), m);
            assertTrue(m.contains("row") , m);
            assertTrue(!m.contains("\n"), "one line: " + m);
        }
    }

    @Property(tries = 1000)
    void numbersAreReadOrRefusedByTheCellRule(@ForAll("cells") String cell) {
        try {
            double x = CellRules.parseNumber(cell);
            String s = cell.strip();
            if (CellRules.isDecimal(s)) {
                assertEquals(Double.parseDouble(s), x);
            } else {
                assertTrue(Double.isNaN(x) || Double.isInfinite(x), cell);
            }
        } catch (CellException e) {
            assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        }
    }
}
