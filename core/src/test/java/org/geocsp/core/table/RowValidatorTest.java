package org.geocsp.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.geo.LongitudePolicy;
import org.junit.jupiter.api.Test;

class RowValidatorTest {

    /** Header lon,lat,label,f0,f1 with the embedding as two numbered columns. */
    private static RowValidator validator(MissingValuePolicy policy, LongitudePolicy lon) {
        Header h = new Header("file 'in.csv'", List.of("lon", "lat", "label", "f0", "f1"));
        TableSchema s = TableSchema.location(h.size(), 0, "lon", 1, "lat").withLabel(2, "label")
                .withEmbedding(EmbeddingSource.ofColumns(h.numbered("f", -1, "image-embedding"), h));
        return new RowValidator("file 'in.csv'", s, policy, lon, false, "use --skip-invalid-rows");
    }

    /** Validates the rows (each a CSV line without quotes); returns the kept rows' lon values. */
    private static List<Double> run(RowValidator v, String... rows) {
        List<Double> kept = new ArrayList<>();
        TextRow cells = new TextRow();
        for (int i = 0; i < rows.length; i++) {
            if (v.validate(i + 1, null, cells.of(Arrays.asList(rows[i].split(",", -1))))) {
                kept.add(v.lon());
            }
        }
        return kept;
    }

    private static String failure(RowValidator v, String... rows) {
        run(v, rows);
        return assertThrows(InvalidInputException.class, v::finish).getMessage();
    }

    @Test
    void validRowsAreKeptAsFloat32() {
        RowValidator v = validator(MissingValuePolicy.FAIL, LongitudePolicy.REJECT);
        assertEquals(List.of(1.5, -180.0), run(v, "1.5,2,a,0.1,0.2", "-180,90,b,3,4"));
        v.finish();
        assertArrayEquals(new float[] {3f, 4f}, v.embedding());
        assertEquals("b", v.label());
        assertEquals(2, v.width());
        assertEquals(2, v.kept());
    }

    @Test
    void missingValuesFailNamingColumnAndRowOrAreSkippedAndCounted() {
        String[] rows = {"1,2,a,0,0", ",2,a,0,0", "1,2,,0,0", "1,2,a,,", "3,4,b,1,1"};
        String m = failure(validator(MissingValuePolicy.FAIL, LongitudePolicy.REJECT), rows);
        assertTrue(m.contains("file 'in.csv', column 'lon', row 2: the value is missing (use --skip-invalid-rows)"), m);
        assertTrue(m.contains("column 'label', row 3: the value is missing"), m);
        assertTrue(m.contains("row 4: the 2 columns f0 ... f1 are empty"), m);
        RowValidator skip = validator(MissingValuePolicy.SKIP_AND_COUNT, LongitudePolicy.REJECT);
        assertEquals(List.of(1.0, 3.0), run(skip, rows));
        skip.finish();
        assertEquals(3, skip.skipped());
        assertEquals("row 2: column 'lon' is empty", skip.skippedExamples().get(0));
        assertTrue(skip.skippedSummary().startsWith("skipped 3 rows"), skip.skippedSummary());
    }

    @Test
    void nanIsReportedNotCountedAsMissing() {
        RowValidator skip = validator(MissingValuePolicy.SKIP_AND_COUNT, LongitudePolicy.REJECT);
        String m = failure(skip, "1,2,a,0,0", "NaN,2,a,0,0", "1,nan,a,0,0");
        assertEquals(0, skip.skipped(), "NaN written in a cell is not a missing value");
        assertTrue(m.contains("column 'lon', row 2: NaN is not a valid longitude"), m);
        assertTrue(m.contains("column 'lat', row 3: NaN is not a valid latitude"), m);
    }

    @Test
    void infiniteLongitudeIsReportedUnderTheLongitudeColumn() {
        String m = failure(validator(MissingValuePolicy.FAIL, LongitudePolicy.WRAP), "Infinity,2,a,0,0", "1,-inf,a,0,0");
        assertTrue(m.contains("column 'lon', row 1: Infinity is not a finite longitude"), m);
        assertTrue(m.contains("column 'lat', row 2: -Infinity is not a finite latitude"), m);
        assertFalse(m.contains("column 'lat', row 1"), m);
    }

    @Test
    void coordinatesOutOfRangeAndWrapping() {
        String m = failure(validator(MissingValuePolicy.FAIL, LongitudePolicy.REJECT), "190,2,a,0,0", "1,91.5,a,0,0");
        assertTrue(m.contains("column 'lon', row 1: 190.0 is outside [-180, 180]"), m);
        assertTrue(m.contains("column 'lat', row 2: 91.5 is outside [-90, 90]"), m);
        RowValidator wrap = validator(MissingValuePolicy.FAIL, LongitudePolicy.WRAP);
        assertEquals(List.of(-170.0), run(wrap, "190,2,a,0,0"));
    }

    @Test
    void hexFloatsAndSuffixesAreNotCoordinatesOrValues() {
        String m = failure(validator(MissingValuePolicy.FAIL, LongitudePolicy.REJECT), "0x1p4,2,a,0,0", "1,2,a,1d,0");
        assertTrue(m.contains("column 'lon', row 1: '0x1p4' is not a number"), m);
        assertTrue(m.contains("column 'f0', row 2: '1d' is not a number"), m);
    }

    @Test
    void embeddingValueFiniteAsDoubleButNotAsFloat32IsRefusedNamingColumnAndRow() {
        String m = failure(validator(MissingValuePolicy.FAIL, LongitudePolicy.REJECT), "1,2,a,0,0", "1,2,a,0,1e39");
        assertTrue(m.contains("column 'f1', row 2: 1.0E39 is too large for a float32 number"), m);
    }

    @Test
    void partlyEmptyEmbeddingIsAnErrorEvenWhenMissingValuesAreSkipped() {
        String m = failure(validator(MissingValuePolicy.SKIP_AND_COUNT, LongitudePolicy.REJECT), "1,2,a,0,");
        assertTrue(m.contains("row 1: some image-embedding value cells are empty (1 of the 2"), m);
    }

    @Test
    void rowsWithAnotherNumberOfCellsAreReportedByRow() {
        String m = failure(validator(MissingValuePolicy.SKIP_AND_COUNT, LongitudePolicy.REJECT), "1,2,a,0,0", "1,2,a",
                "1,2,a,0,0,9");
        assertTrue(m.contains("file 'in.csv': 2 rows with another number of cells than the header's 5 columns, e.g."
                + " row 2: the row has 3 cells but the header has 5 columns, row 3: the row has 6 cells"), m);
    }

    @Test
    void problemsAreCountedWithExamplesForTheWholeTable() {
        String[] rows = new String[10];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "1," + (91 + i) + ",a,0,0";
        }
        String m = failure(validator(MissingValuePolicy.FAIL, LongitudePolicy.REJECT), rows);
        assertTrue(m.startsWith("file 'in.csv', column 'lat': 10 rows with a latitude outside [-90, 90], e.g. row 1: 91.0"
                + " is outside"), m);
        assertTrue(m.contains("row 3: 93.0") && m.endsWith(", ..."), m);
        assertFalse(m.contains("row 4:"), "three examples: " + m);
    }

    @Test
    void anEmptyTableIsNotATableWithoutCompleteRows() {
        String m = failure(validator(MissingValuePolicy.SKIP_AND_COUNT, LongitudePolicy.REJECT));
        assertEquals("file 'in.csv' has no rows", m);
        m = failure(validator(MissingValuePolicy.SKIP_AND_COUNT, LongitudePolicy.REJECT), ",1,a,0,0", "1,2,,0,0");
        assertTrue(m.contains("none of its 2 rows has all values present"), m);
    }

    @Test
    void raggedVectorColumnWidths() {
        Header h = new Header("t", List.of("lon", "lat", "emb"));
        TableSchema s = TableSchema.location(3, 0, "lon", 1, "lat").withEmbedding(EmbeddingSource.ofVector(2, "emb", -1));
        RowValidator v = new RowValidator("t", s, MissingValuePolicy.FAIL, LongitudePolicy.REJECT, false, null);
        TextRow c = new TextRow();
        assertTrue(v.validate(1, null, c.of(List.of("1", "2", "1 2 3"))));
        assertFalse(v.validate(2, "Row1", c.of(List.of("1", "2", "[1, 2]"))));
        assertFalse(v.validate(3, null, c.of(List.of("1", "2", "1 1e39 3"))));
        String m = assertThrows(InvalidInputException.class, v::finish).getMessage();
        assertTrue(m.contains("column 'emb', row 2 (Row1): the image embedding has 2 values but row 1 has 3"), m);
        assertTrue(m.contains("column 'emb', row 3: value 2 of the list, 1.0E39, is too large for a float32"), m);
        assertEquals(h.size(), 3);
    }

    @Test
    void optionalVectorsAreAllOrNone() {
        Header h = new Header("t", List.of("p0", "p1"));
        EmbeddingSource src = EmbeddingSource.ofColumns(h.numbered("p", 2, "image-probability"), h);
        RowProblems p = new RowProblems("t");
        TextRow c = new TextRow();
        assertTrue(VectorCells.read(c.of(List.of("", " ")), src, 2, "image probability", "row 1", p) == VectorCells.MISSING);
        assertArrayEquals(new float[] {0.25f, 0.75f}, VectorCells.read(c.of(List.of("0.25", "0.75")), src, 2,
                "image probability", "row 2", p));
        assertNull(VectorCells.read(c.of(List.of("0.25", "")), src, 2, "image probability", "row 3", p));
        assertEquals(1, p.count());
        assertTrue(p.messages().get(0).contains("row 3: some image probability cells are empty"), p.messages().toString());
        assertEquals(Double.NaN, RowValidator.optionalNumber(c.of(List.of("", "x")), 0, "lon", "row 4", p));
        RowValidator.optionalNumber(c.of(List.of("", "x")), 1, "lat", "row 4", p);
        assertTrue(p.messages().get(1).contains("column 'lat', row 4: 'x' is not a number"), p.messages().toString());
    }
}
