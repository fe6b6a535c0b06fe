package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.table.CellException;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.RowCells;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.VectorCells;
import org.junit.jupiter.api.Test;

/**
 * The node readers apply the command line's row rules: the same cases as the CLI's sweep, through
 * the KNIME-free layer (the resolved {@link DataColumns} and core's validator), with cells as KNIME
 * holds them (a missing cell, a double, a list of doubles).
 */
class NodeRowRulesTest {

    /** A row of KNIME-like cells: null is a missing cell, Double a number, double[] a list, String text. */
    record Row(Object... cells) implements RowCells {
        @Override
        public int size() {
            return cells.length;
        }

        @Override
        public boolean isMissing(int column) {
            return cells[column] == null;
        }

        @Override
        public double number(int column) {
            if (cells[column] instanceof Double d) {
                return d;
            }
            throw new CellException("'" + cells[column] + "' is not a number");
        }

        @Override
        public String text(int column) {
            return cells[column].toString();
        }

        @Override
        public double[] vector(int column) {
            if (cells[column] instanceof double[] d) {
                return d;
            }
            throw new CellException("'" + cells[column] + "' is not a vector or list of numbers");
        }
    }

    private static final List<ColumnInfo> TABLE = List.of(ColumnInfo.of("lon", ColumnType.DOUBLE),
            ColumnInfo.of("lat", ColumnType.DOUBLE), ColumnInfo.of("label", ColumnType.STRING),
            new ColumnInfo("emb", ColumnType.NUMBER_LIST, -1));

    private static RowValidator validator(boolean skipMissing) throws ConfigException {
        FineTunerConfig c = new FineTunerConfig(FineTunerConfig.defaults().values()
                .with(FineTunerConfig.LOCATION.longitude, "lon").with(FineTunerConfig.LOCATION.latitude, "lat")
                .with(FineTunerConfig.LABEL, "label").with(FineTunerConfig.EMBEDDING.column, "emb")
                .with(FineTunerConfig.MISSING, skipMissing ? LocationColumns.SKIP_ROW : LocationColumns.FAIL));
        DataColumns cols = c.resolveColumns(TABLE);
        assertEquals(LongitudePolicy.REJECT, cols.policy());
        return cols.validator(TABLE);
    }

    private static String failure(RowValidator v, Row... rows) {
        for (int i = 0; i < rows.length; i++) {
            v.validate(i + 1, "Row" + i, rows[i]);
        }
        return assertThrows(InvalidInputException.class, v::finish).getMessage();
    }

    private static Row ok(double lon) {
        return new Row(lon, 10.0, "a", new double[] {1, 2});
    }

    @Test
    void nanCoordinatesAreReportedNotSkippedAsMissing() throws ConfigException {
        RowValidator v = validator(true);
        String m = failure(v, ok(1), new Row(Double.NaN, 1.0, "a", new double[] {1, 2}));
        assertEquals(0, v.skipped());
        assertTrue(m.contains("the input table, column 'lon', row 2 (Row1): NaN is not a valid longitude"), m);
    }

    @Test
    void anInfiniteLongitudeIsReportedUnderTheLongitudeColumn() throws ConfigException {
        String m = failure(validator(false), new Row(Double.POSITIVE_INFINITY, 1.0, "a", new double[] {1, 2}));
        assertTrue(m.contains("column 'lon', row 1 (Row0): Infinity is not a finite longitude"), m);
        assertTrue(!m.contains("column 'lat'"), m);
    }

    @Test
    void embeddingValuesAreCheckedAsFloat32() throws ConfigException {
        String m = failure(validator(true), ok(1), new Row(1.0, 2.0, "a", new double[] {1, 1e39}),
                new Row(1.0, 2.0, "a", new double[] {Double.NaN, 1}));
        assertTrue(m.contains("column 'emb': 2 rows with a value that is not a finite float32 number, e.g. row 2 (Row1):"
                + " value 2 of the list, 1.0E39, is too large for a float32 number"), m);
        assertTrue(m.contains("row 3 (Row2): value 1 of the list, NaN, is not a finite number"), m);
    }

    @Test
    void missingValuesFollowTheSettingWithTheSameMessages() throws ConfigException {
        Row[] rows = {ok(1), new Row(null, 1.0, "a", new double[] {1, 2}), new Row(1.0, 1.0, null, new double[] {1, 2}),
            new Row(1.0, 1.0, "a", null)};
        String m = failure(validator(false), rows);
        assertTrue(m.contains("column 'lon', row 2 (Row1): the value is missing (set 'Rows with missing values' to"
                + " 'skip row' to leave such rows out)"), m);
        assertTrue(m.contains("column 'label', row 3 (Row2): the value is missing"), m);
        assertTrue(m.contains("row 4 (Row3): the value is missing"), m);
        RowValidator skip = validator(true);
        for (int i = 0; i < rows.length; i++) {
            skip.validate(i + 1, "Row" + i, rows[i]);
        }
        skip.finish();
        assertEquals(3, skip.skipped());
        assertEquals(1, skip.kept());
    }

    @Test
    void anEmptyTableIsNotATableWithoutCompleteRows() throws ConfigException {
        assertEquals("the input table has no rows", failure(validator(true)));
        String m = failure(validator(true), new Row(null, 1.0, "a", new double[] {1, 2}));
        assertTrue(m.contains("none of its 1 row has all values present"), m);
    }

    @Test
    void onlySomeImageProbabilitiesMissingIsAnErrorAsInTheCommandLine() throws ConfigException {
        List<ColumnInfo> table = List.of(ColumnInfo.of("lon", ColumnType.DOUBLE), ColumnInfo.of("lat", ColumnType.DOUBLE),
                ColumnInfo.of("P (species=oak)", ColumnType.DOUBLE), ColumnInfo.of("P (species=pine)", ColumnType.DOUBLE));
        LocationPredictorConfig c = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_BY_NAME));
        List<String> classes = List.of("pine", "oak");
        LocationPredictorConfig.Inputs in = c.resolveColumns(table, classes);
        EmbeddingSource src = in.imageSource(table, classes.size(), 0);
        assertEquals(List.of("P (species=pine)", "P (species=oak)"), src.columnNames());
        RowProblems p = new RowProblems(DataColumns.WHERE);
        assertArrayEquals(new float[] {0.75f, 0.25f}, VectorCells.read(new Row(1.0, 2.0, 0.25, 0.75), src, src.width(),
                "image probability", "row 1", p));
        assertTrue(VectorCells.read(new Row(1.0, 2.0, null, null), src, src.width(), "image probability", "row 2", p)
                == VectorCells.MISSING, "none: location only");
        assertNull(VectorCells.read(new Row(1.0, 2.0, null, 0.5), src, src.width(), "image probability", "row 3", p));
        InvalidInputException e = assertThrows(InvalidInputException.class, p::throwIfAny);
        assertTrue(e.getMessage().contains("row 3: some image probability cells are empty"), e.getMessage());
    }
}
