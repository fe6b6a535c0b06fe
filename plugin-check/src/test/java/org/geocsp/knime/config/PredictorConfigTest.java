package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ScoreMode;
import org.junit.jupiter.api.Test;

/** Location Predictor and Image Geolocator settings: requests, column mapping, appended columns. */
class PredictorConfigTest {

    private static final List<String> CLASSES = List.of("oak", "pine", "beech");
    private static final List<ColumnInfo> TABLE = List.of(ColumnInfo.of("lon", ColumnType.DOUBLE),
            ColumnInfo.of("lat", ColumnType.DOUBLE), ColumnInfo.of("P (species=pine)", ColumnType.DOUBLE),
            ColumnInfo.of("P (species=oak)", ColumnType.DOUBLE), ColumnInfo.of("P (species=beech)", ColumnType.DOUBLE),
            ColumnInfo.of("Prediction (species)", ColumnType.STRING),
            new ColumnInfo("probs", ColumnType.NUMBER_LIST, 3), ColumnInfo.of("P(oak | location)", ColumnType.DOUBLE));

    @Test
    void defaultsGiveCoresDefaultRequestWithAllScores() {
        LocationPredictorConfig c = LocationPredictorConfig.defaults();
        assertEquals(List.of(), c.settingProblems());
        assertEquals(PredictionRequest.builder().includeClassScores(true).build(), c.request());
        SettingValues v = c.values().with(LocationPredictorConfig.OUTPUT, LocationPredictorConfig.OUT_TOP_K)
                .with(LocationPredictorConfig.TOP_K, 2).with(LocationPredictorConfig.SCORE_MODE, "normalised")
                .with(LocationPredictorConfig.EMBEDDING, true).with(LocationPredictorConfig.BATCH_SIZE, 99)
                .with(LocationPredictorConfig.LOCATION.longitudePolicy, LocationColumns.WRAP);
        assertEquals(new PredictionRequest(2, ScoreMode.NORMALISED, false, false, true, LongitudePolicy.WRAP, 99),
                new LocationPredictorConfig(v).request());
        assertEquals(ScoreMode.SOFTMAX, new LocationPredictorConfig(v.with(LocationPredictorConfig.SCORE_MODE, "softmax"))
                .request().scoreMode());
    }

    @Test
    void probabilityColumnsAreMatchedToTheModelsClassesByName() throws ConfigException {
        LocationPredictorConfig c = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_BY_NAME));
        LocationPredictorConfig.Inputs in = c.resolveColumns(TABLE, CLASSES);
        assertArrayEquals(new int[] {3, 2, 4}, in.imageColumns());
        assertEquals(0, in.longitude());
        assertTrue(in.withImages());
        ConfigException e = assertThrows(ConfigException.class,
                () -> c.resolveColumns(TABLE, List.of("oak", "elm", "ash")));
        assertEquals(List.of("setting 'Image probability column pattern': no probability column for 2 of the model's 3"
                + " classes, e.g. 'elm', 'ash'"), e.problems());
    }

    @Test
    void imageEmbeddingModeNeedsAModelWithAnImageClassifierOfTheSameWidth() throws ConfigException {
        LocationPredictorConfig c = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_EMBEDDING)
                .with(LocationPredictorConfig.IMAGE_EMBEDDING_COLUMNS.column, "probs"));
        LocationPredictorConfig.Inputs in = c.resolveColumns(TABLE, CLASSES, 3);
        assertEquals(List.of("probs"), in.imageEmbedding().columnNames());
        assertTrue(in.withImages());
        assertEquals(-1, in.imageVector());
        assertTrue(c.resolveColumns(TABLE, null, -1).withImages(), "unknown model: checked at execution");
        ConfigException none = assertThrows(ConfigException.class, () -> c.resolveColumns(TABLE, CLASSES, 0));
        assertTrue(none.problems().get(0).contains("the model has no image classifier"), none.problems().toString());
        ConfigException width = assertThrows(ConfigException.class, () -> c.resolveColumns(TABLE, CLASSES, 16));
        assertEquals(List.of("the image embedding (probs) has 3 values per row, but the model's image classifier"
                + " expects 16"), width.problems());
        LocationPredictorConfig empty = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_EMBEDDING));
        ConfigException e = assertThrows(ConfigException.class, () -> empty.resolveColumns(TABLE, CLASSES, 3));
        assertEquals(List.of("setting 'Image embedding column' is empty; choose the image embedding"), e.problems());
    }

    @Test
    void patternWithoutGroupIsASettingProblem() {
        LocationPredictorConfig c = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_BY_NAME)
                .with(LocationPredictorConfig.IMAGE_PATTERN, "P .*"));
        assertEquals(List.of("setting 'Image probability column pattern': the pattern 'P .*' needs a group, in"
                + " brackets, that captures the class label"), c.settingProblems());
    }

    @Test
    void vectorWidthMustMatchTheClasses() throws ConfigException {
        LocationPredictorConfig c = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_VECTOR));
        assertEquals(6, c.resolveColumns(TABLE, CLASSES).imageVector(), "the only list column is chosen");
        ConfigException e = assertThrows(ConfigException.class, () -> c.resolveColumns(TABLE, List.of("a", "b")));
        assertEquals(List.of("setting 'Image probability column': column 'probs' holds 3 values per row, but the"
                + " model has 2 classes"), e.problems());
    }

    @Test
    void appendedColumnsFollowTheOptionsAndAreUnique() {
        LocationPredictorConfig c = LocationPredictorConfig.defaults();
        List<String> names = TABLE.stream().map(ColumnInfo::name).toList();
        assertEquals(List.of("P(oak | location) (#1)", "P(pine | location)", "P(beech | location)", "prediction rule",
                "prediction note"), c.outputColumns(CLASSES, names, 8).stream().map(ColumnInfo::name).toList());
        LocationPredictorConfig both = new LocationPredictorConfig(c.values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_BY_NAME)
                .with(LocationPredictorConfig.OUTPUT, LocationPredictorConfig.OUT_BOTH)
                .with(LocationPredictorConfig.TOP_K, 5).with(LocationPredictorConfig.LOCATION_SCORES, true)
                .with(LocationPredictorConfig.RULE, false).with(LocationPredictorConfig.EMBEDDING, true));
        List<ColumnInfo> out = both.outputColumns(CLASSES, List.of("lon", "lat"), 8);
        assertEquals(List.of("P(oak)", "P(pine)", "P(beech)", "P(oak | location)", "P(pine | location)",
                "P(beech | location)", "class 1", "score 1", "class 2", "score 2", "class 3", "score 3",
                "location embedding"), out.stream().map(ColumnInfo::name).toList());
        assertEquals(new ColumnInfo("location embedding", ColumnType.DOUBLE_VECTOR, 8), out.get(12));
    }

    @Test
    void mapClassDefaultsToTheFirstClass() {
        assertEquals("oak", LocationPredictorConfig.defaults().mapClass(CLASSES));
        assertEquals("beech", new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.MAP_CLASS, " beech ")).mapClass(CLASSES));
    }

    @Test
    void geolocatorColumnsAndOutput() throws ConfigException {
        List<ColumnInfo> t = List.of(new ColumnInfo("emb", ColumnType.DOUBLE_VECTOR, 64),
                ColumnInfo.of("true lon", ColumnType.DOUBLE), ColumnInfo.of("true lat", ColumnType.DOUBLE));
        ImageGeolocatorConfig c = ImageGeolocatorConfig.defaults();
        ImageGeolocatorConfig.Inputs in = c.resolveColumns(t);
        assertEquals(64, in.embedding().width());
        assertEquals(false, in.withTruth());
        ImageGeolocatorConfig half = new ImageGeolocatorConfig(c.values().with(ImageGeolocatorConfig.TRUE_LON,
                "true lon"));
        ConfigException e = assertThrows(ConfigException.class, () -> half.resolveColumns(t));
        assertTrue(e.getMessage().contains("select both true coordinate columns or neither"), e.getMessage());
        ImageGeolocatorConfig both = new ImageGeolocatorConfig(half.values().with(ImageGeolocatorConfig.TRUE_LAT,
                "true lat").with(ImageGeolocatorConfig.TOP_K, 2));
        assertTrue(both.resolveColumns(t).withTruth());
        assertEquals(List.of("location 1 longitude", "location 1 latitude", "similarity 1", "location 2 longitude",
                "location 2 latitude", "similarity 2", "error (km)", "geolocation note"),
                both.outputColumns(List.of("emb"), true).stream().map(ColumnInfo::name).toList());
        assertArrayEquals(new int[] {0, 1}, c.resolveGalleryColumns(List.of(ColumnInfo.of("LONGITUDE",
                ColumnType.DOUBLE), ColumnInfo.of("Latitude", ColumnType.DOUBLE))));
    }

    @Test
    void gridGalleryFollowsTheSettings() {
        ImageGeolocatorConfig c = new ImageGeolocatorConfig(ImageGeolocatorConfig.defaults().values()
                .with(ImageGeolocatorConfig.GRID, ImageGeolocatorConfig.GRID_REGULAR)
                .with(ImageGeolocatorConfig.GRID_RESOLUTION, 10.0));
        assertEquals(36 * 18, c.gridGallery().size());
        ImageGeolocatorConfig eq = new ImageGeolocatorConfig(c.values().with(ImageGeolocatorConfig.GRID,
                ImageGeolocatorConfig.GRID_EQUAL_AREA));
        assertTrue(eq.gridGallery().size() < 36 * 18 * 0.7, "equal-area grid has about 2/pi as many cells");
    }
}
