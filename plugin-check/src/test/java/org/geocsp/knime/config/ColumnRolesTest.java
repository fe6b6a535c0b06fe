package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.geo.LongitudePolicy;
import org.junit.jupiter.api.Test;

/** Column resolution at configure time: guesses, type checks, patterns, messages naming setting and column. */
class ColumnRolesTest {

    private static final List<ColumnInfo> TABLE = List.of(ColumnInfo.of("id", ColumnType.STRING),
            ColumnInfo.of("Lat", ColumnType.DOUBLE), ColumnInfo.of("LON", ColumnType.DOUBLE),
            new ColumnInfo("emb", ColumnType.DOUBLE_VECTOR, 512), ColumnInfo.of("f_0", ColumnType.DOUBLE),
            ColumnInfo.of("f_1", ColumnType.INT), ColumnInfo.of("f_2", ColumnType.DOUBLE),
            ColumnInfo.of("f_note", ColumnType.STRING), ColumnInfo.of("species", ColumnType.STRING));

    @Test
    void emptyCoordinateSettingsAreGuessedByName() throws ConfigException {
        DataColumns c = PretrainerConfig.defaults().resolveColumns(TABLE);
        assertEquals(2, c.longitude());
        assertEquals(1, c.latitude());
        assertArrayEquals(new int[] {3}, c.embedding().columns());
        assertEquals(512, c.embedding().width());
        assertTrue(c.embedding().packed());
        assertEquals(LongitudePolicy.REJECT, c.policy());
        assertTrue(c.skipMissing());
    }

    @Test
    void everyColumnProblemIsReportedWithSettingAndColumn() {
        SettingValues v = PretrainerConfig.defaults().values()
                .with(PretrainerConfig.LOCATION.longitude, "species").with(PretrainerConfig.LOCATION.latitude, "gone")
                .with(PretrainerConfig.EMBEDDING.column, "Lat");
        ConfigException e = assertThrows(ConfigException.class, () -> new PretrainerConfig(v).resolveColumns(TABLE));
        assertEquals(List.of(
                "setting 'Longitude column': column 'species' has type string, expected a number column",
                "setting 'Latitude column': column 'gone' is not in the input table",
                "setting 'Image embedding column': column 'Lat' has type number (double), expected a double-vector"
                        + " or list-of-numbers column"), e.problems());
    }

    @Test
    void noGuessableCoordinateColumnIsExplained() {
        List<String> p = new ArrayList<>();
        int i = ColumnRoles.resolve(List.of(ColumnInfo.of("a", ColumnType.DOUBLE), ColumnInfo.of("b", ColumnType.DOUBLE)),
                PretrainerConfig.LOCATION.longitude, "", ColumnRoles.LONGITUDE_NAMES, p);
        assertEquals(-1, i);
        assertEquals(List.of("setting 'Longitude column': no column selected and none is named longitude, lon, lng,"
                + " long, x; select a number column"), p);
    }

    @Test
    void patternSelectsNumberColumnsInTableOrder() throws ConfigException {
        SettingValues v = PretrainerConfig.defaults().values()
                .with(PretrainerConfig.EMBEDDING.mode, EmbeddingColumns.MODE_PATTERN)
                .with(PretrainerConfig.EMBEDDING.pattern, "f_\\d+");
        EmbeddingSource s = new PretrainerConfig(v).resolveColumns(TABLE).embedding();
        assertArrayEquals(new int[] {4, 5, 6}, s.columns());
        assertEquals(List.of("f_0", "f_1", "f_2"), s.columnNames());
        assertEquals(3, s.width());
        assertFalse(s.packed());
    }

    @Test
    void patternProblemsAreNamed() {
        List<String> p = new ArrayList<>();
        Setting col = PretrainerConfig.EMBEDDING.column;
        Setting pat = PretrainerConfig.EMBEDDING.pattern;
        assertNull(ColumnRoles.resolveEmbedding(TABLE, true, "", "f_.*", col, pat, p));
        assertNull(ColumnRoles.resolveEmbedding(TABLE, true, "", "x\\d+", col, pat, p));
        assertNull(ColumnRoles.resolveEmbedding(TABLE, true, "", "f_(", col, pat, p));
        assertNull(ColumnRoles.resolveEmbedding(TABLE, true, "", " ", col, pat, p));
        assertEquals(4, p.size());
        assertEquals("setting 'Image embedding column pattern': the pattern 'f_.*' matches columns that are not"
                + " numbers: 'f_note' (string)", p.get(0));
        assertEquals("setting 'Image embedding column pattern': no column name matches 'x\\d+'", p.get(1));
        assertTrue(p.get(2).contains("is not a valid regular expression"), p.get(2));
        assertTrue(p.get(3).contains("is empty"), p.get(3));
    }

    @Test
    void fineTunerLabelColumnIsCheckedAgainstTheCoordinates() {
        SettingValues v = FineTunerConfig.defaults().values().with(FineTunerConfig.LABEL, "LON");
        ConfigException e = assertThrows(ConfigException.class, () -> new FineTunerConfig(v).resolveColumns(TABLE));
        assertEquals(List.of("setting 'Label column': column 'LON' has type number (double), expected a string (or"
                + " integer) column"), e.problems());
        SettingValues w = FineTunerConfig.defaults().values();
        assertThrows(ConfigException.class, () -> new FineTunerConfig(w).resolveColumns(TABLE),
                "two string columns: the label column cannot be guessed");
    }

    @Test
    void fineTunerImageEmbeddingIsOptionalAndTurnsOnTheImageClassifier() throws ConfigException {
        SettingValues base = FineTunerConfig.defaults().values().with(FineTunerConfig.LABEL, "species");
        FineTunerConfig none = new FineTunerConfig(base);
        assertNull(none.resolveColumns(TABLE).embedding());
        assertFalse(none.trainsImageClassifier());
        assertFalse(none.toCore(org.geocsp.core.runtime.DeviceChoice.CPU).imageClassifier());

        FineTunerConfig vector = new FineTunerConfig(base.with(FineTunerConfig.EMBEDDING.column, "emb"));
        assertEquals(512, vector.resolveColumns(TABLE).embedding().width());
        assertTrue(vector.trainsImageClassifier());
        assertTrue(vector.toCore(org.geocsp.core.runtime.DeviceChoice.CPU).imageClassifier());

        SettingValues byPattern = base.with(FineTunerConfig.EMBEDDING.mode, EmbeddingColumns.MODE_PATTERN);
        assertFalse(new FineTunerConfig(byPattern).trainsImageClassifier(), "an empty pattern means none");
        assertNull(new FineTunerConfig(byPattern).resolveColumns(TABLE).embedding());
        FineTunerConfig numbered = new FineTunerConfig(byPattern.with(FineTunerConfig.EMBEDDING.pattern, "f_\\d"));
        assertEquals(List.of("f_0", "f_1", "f_2"), numbered.resolveColumns(TABLE).embedding().columnNames());
        ConfigException e = assertThrows(ConfigException.class, () -> new FineTunerConfig(byPattern
                .with(FineTunerConfig.EMBEDDING.pattern, "L.*")).resolveColumns(TABLE));
        assertEquals(List.of("setting 'Image embedding column pattern' selects the column 'Lat', which is already"
                + " the coordinate column"), e.problems());
    }

    @Test
    void labelColumnNamedClassIsGuessed() throws ConfigException {
        List<ColumnInfo> t = List.of(ColumnInfo.of("lon", ColumnType.DOUBLE), ColumnInfo.of("lat", ColumnType.DOUBLE),
                ColumnInfo.of("name", ColumnType.STRING), ColumnInfo.of("class", ColumnType.INT));
        DataColumns c = FineTunerConfig.defaults().resolveColumns(t);
        assertEquals(3, c.label());
        assertNull(c.embedding());
    }

    @Test
    void sameColumnForLongitudeAndLatitudeIsAnError() {
        SettingValues v = PretrainerConfig.defaults().values().with(PretrainerConfig.LOCATION.longitude, "Lat")
                .with(PretrainerConfig.LOCATION.latitude, "Lat");
        ConfigException e = assertThrows(ConfigException.class, () -> new PretrainerConfig(v).resolveColumns(TABLE));
        assertEquals(List.of("settings 'Longitude column' and 'Latitude column' select the same column 'Lat'"),
                e.problems());
    }
}
