package org.geocsp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictParams;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.PredictionLayout;
import org.geocsp.spark.SparkPredictOptions.Columns;
import org.geocsp.spark.SparkPredictOptions.EmbeddingOutput;
import org.geocsp.spark.SparkPredictOptions.InvalidLocations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GeoCspSpark#predict} in Spark local mode against the core's {@link LocationPredictor} on the
 * same rows: top-k, scores, rules, embeddings and the product rule are the core's, one partition or
 * two; bad input fails with a message naming the column and a row.
 */
class GeoCspSparkTest {

    static final int N = 60;

    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path modelFile;
    static GeoModel model;
    static double[] lon;
    static double[] lat;
    static float[][] probs;
    static float[][] feats;

    @BeforeAll
    static void setUp() throws Exception {
        spark = SparkTestData.session();
        modelFile = SparkTestData.classifierModel(dir, 3);
        model = ModelFile.load(modelFile, GeoRuntime.resolveDevice(DeviceChoice.AUTO));
        double[][] ll = SparkTestData.locations(N, 17);
        lon = ll[0];
        lat = ll[1];
        probs = SparkTestData.probabilities(N, SparkTestData.LABELS.size(), 23);
        feats = SparkTestData.gaussian(N, SparkTestData.IMAGE_DIM, 29);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        spark.stop();
    }

    /** id, lon, lat, P_<label> (per class), probs (array), F0..F5, feats (array); partitions as asked. */
    static Dataset<Row> table(int partitions) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("lon", DataTypes.DoubleType)
                .add("lat", DataTypes.DoubleType);
        for (String l : SparkTestData.LABELS) {
            schema = schema.add("img_" + l, DataTypes.FloatType);
        }
        schema = schema.add("probs", DataTypes.createArrayType(DataTypes.FloatType));
        for (int j = 0; j < SparkTestData.IMAGE_DIM; j++) {
            schema = schema.add("F" + j, DataTypes.DoubleType);
        }
        schema = schema.add("feats", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            List<Object> v = new ArrayList<>(List.of(i, lon[i], lat[i]));
            for (float p : probs[i]) {
                v.add(p);
            }
            v.add(SparkTestData.boxed(probs[i]));
            List<Object> f = new ArrayList<>();
            for (float x : feats[i]) {
                v.add((double) x);
                f.add((double) x);
            }
            v.add(f);
            rows.add(RowFactory.create(v.toArray()));
        }
        return spark.createDataFrame(rows, schema).repartition(partitions).sortWithinPartitions("id");
    }

    static List<Row> sorted(Dataset<Row> d) {
        List<Row> r = new ArrayList<>(d.collectAsList());
        r.sort(Comparator.comparingInt(x -> x.getInt(x.fieldIndex("id"))));
        return r;
    }

    static PredictionRequest.Builder request() {
        return PredictionRequest.builder().topK(3).batchSize(PredictParams.BATCH_SIZE.defaultInt());
    }

    static void assertSameTopK(PredictionBatch core, List<Row> spark, int k, float tolerance) {
        assertEquals(core.size(), spark.size());
        for (int i = 0; i < core.size(); i++) {
            Row r = spark.get(i);
            assertEquals(i, r.getInt(r.fieldIndex("id")));
            for (int q = 0; q < k; q++) {
                assertEquals(core.topLabel(i, q), r.getString(r.fieldIndex("pred_" + (q + 1))), "row " + i);
                assertEquals(core.topScore(i, q), r.getFloat(r.fieldIndex("score_" + (q + 1))), tolerance, "row " + i);
            }
            assertEquals(PredictionLayout.PLAIN_NAMES.ruleValue(core.rule(i)), r.getString(r.fieldIndex("rule")));
        }
    }

    @Test
    void topKEqualsTheCorePredictorInOneAndInTwoPartitions() throws Exception {
        PredictionBatch core = new LocationPredictor(model, request().build()).predictAll(lon, lat, null);
        SparkPredictOptions o = SparkPredictOptions.builder().topK(3).allScores(true).build();
        List<Row> one = sorted(GeoCspSpark.predict(table(1), modelFile, o));
        assertSameTopK(core, one, 3, 0f);
        assertEquals(3 + SparkTestData.LABELS.size() + 1 + SparkTestData.IMAGE_DIM + 1 + 3 + 3 + 1
                + SparkTestData.LABELS.size(), one.get(0).size(), "input columns + pred/score/rule + p_<label>");
        PredictionBatch coreScores = new LocationPredictor(model, request().includeLocationScores(true).build())
                .predictAll(lon, lat, null);
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < SparkTestData.LABELS.size(); c++) {
                assertEquals(coreScores.locationScores(i)[c],
                        one.get(i).getFloat(one.get(i).fieldIndex("p_" + SparkTestData.LABELS.get(c))));
            }
        }
        Dataset<Row> two = table(2);
        assertEquals(2, two.javaRDD().getNumPartitions());
        // other batch boundaries may change the last bits of a matmul, never the ranking
        assertSameTopK(core, sorted(GeoCspSpark.predict(two, modelFile, o)), 3, 1e-6f);
    }

    @Test
    void softmaxScoresFollowTheScoreMode() throws Exception {
        PredictionBatch core = new LocationPredictor(model, request().scoreMode(ScoreMode.SOFTMAX).build())
                .predictAll(lon, lat, null);
        List<Row> s = sorted(GeoCspSpark.predict(table(1), modelFile,
                SparkPredictOptions.builder().topK(3).scoreMode(ScoreMode.SOFTMAX).build()));
        assertSameTopK(core, s, 3, 0f);
    }

    @Test
    void embeddingsAreTheModelsAsArrayOrColumnsAndWithoutPredictions() throws Exception {
        float[][] core = model.embed(lon, lat);
        List<Row> arr = sorted(GeoCspSpark.predict(table(1), modelFile,
                SparkPredictOptions.builder().embeddings(EmbeddingOutput.ARRAY).build()));
        List<Row> cols = sorted(GeoCspSpark.predict(table(2), modelFile,
                SparkPredictOptions.builder().predictions(false).embeddings(EmbeddingOutput.COLUMNS).build()));
        assertTrue(cols.get(0).schema().getFieldIndex("pred_1").isEmpty(), "no predictions asked");
        for (int i = 0; i < N; i++) {
            List<Object> a = arr.get(i).getList(arr.get(i).fieldIndex("embedding"));
            float[] fromArray = new float[a.size()];
            float[] fromColumns = new float[a.size()];
            for (int j = 0; j < a.size(); j++) {
                fromArray[j] = (Float) a.get(j);
                fromColumns[j] = cols.get(i).getFloat(cols.get(i).fieldIndex("e" + j));
            }
            assertArrayEquals(core[i], fromArray, "row " + i);
            assertArrayEquals(core[i], fromColumns, 1e-6f, "row " + i);
        }
    }

    @Test
    void embeddingsOfAPretrainedModelWithoutClasses() throws Exception {
        Path enc = SparkTestData.encoderModel(dir);
        List<Row> out = sorted(GeoCspSpark.predict(table(2), enc,
                SparkPredictOptions.builder().predictions(false).embeddings(EmbeddingOutput.ARRAY).build()));
        try (GeoModel m = ModelFile.load(enc, GeoRuntime.resolveDevice(DeviceChoice.AUTO))) {
            float[][] core = m.embed(lon, lat);
            for (int i = 0; i < N; i++) {
                List<Object> a = out.get(i).getList(out.get(i).fieldIndex("embedding"));
                assertEquals(12, a.size());
                for (int j = 0; j < a.size(); j++) {
                    assertEquals(core[i][j], (Float) a.get(j), 1e-6f);
                }
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GeoCspSpark.predict(table(1), enc, SparkPredictOptions.defaults()));
        assertTrue(e.getMessage().contains("has no classes"), e.getMessage());
    }

    @Test
    void productRuleWithImageProbabilitiesAsColumnsOrArray() throws Exception {
        PredictionBatch core = new LocationPredictor(model, request().build()).predictAll(lon, lat, probs);
        assertEquals(N, core.count(org.geocsp.core.predict.Rule.COMBINED));
        SparkPredictOptions o = SparkPredictOptions.builder().topK(3).build();
        assertSameTopK(core, sorted(GeoCspSpark.predict(table(1), modelFile,
                o.toBuilder().imageProbabilities(Columns.prefix("img_")).build())), 3, 0f);
        assertSameTopK(core, sorted(GeoCspSpark.predict(table(2), modelFile,
                o.toBuilder().imageProbabilities(Columns.array("probs")).build())), 3, 1e-6f);
    }

    @Test
    void productRuleWithTheModelsImageClassifier() throws Exception {
        LocationPredictor p = new LocationPredictor(model, request().build());
        PredictionBatch core = p.predictAll(lon, lat, p.imageProbabilities(feats, 1));
        SparkPredictOptions o = SparkPredictOptions.builder().topK(3).build();
        assertSameTopK(core, sorted(GeoCspSpark.predict(table(1), modelFile,
                o.toBuilder().imageEmbeddings(Columns.prefix("F")).build())), 3, 0f);
        assertSameTopK(core, sorted(GeoCspSpark.predict(table(2), modelFile,
                o.toBuilder().imageEmbeddings(Columns.array("feats")).build())), 3, 1e-6f);
        // the location alone ranks differently from the product on some row, so the image side is really used
        PredictionBatch locOnly = p.predictAll(lon, lat, null);
        boolean differs = false;
        for (int i = 0; i < N; i++) {
            differs |= !locOnly.topLabel(i, 0).equals(core.topLabel(i, 0));
        }
        assertTrue(differs);
    }

    // ------------------------------------------------------------------------------------ bad input

    static Dataset<Row> withValue(String column, Object value, int row) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("lon", DataTypes.DoubleType)
                .add("lat", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Object lo = column.equals("lon") && i == row ? value : lon[i];
            Object la = column.equals("lat") && i == row ? value : lat[i];
            rows.add(RowFactory.create(i, lo, la));
        }
        return spark.createDataFrame(rows, schema).coalesce(1);
    }

    static String failure(Dataset<Row> in, SparkPredictOptions o) throws Exception {
        Dataset<Row> out = GeoCspSpark.predict(in, modelFile, o);
        Exception e = assertThrows(Exception.class, out::collectAsList);
        return GeoCspSpark.badInput(e).orElseThrow(() -> new AssertionError("not a bad-input error", e)).getMessage();
    }

    @Test
    void nanNullAndOutOfRangeLocationsFailNamingColumnAndRow() throws Exception {
        String nan = failure(withValue("lat", Double.NaN, 3), SparkPredictOptions.defaults());
        assertTrue(nan.contains("column 'lat', row 4: the latitude is missing or NaN"), nan);
        assertTrue(nan.contains("the first such row is {id=3, lon=" + lon[3] + ", lat=NaN}"), nan);
        String nul = failure(withValue("lon", null, 0), SparkPredictOptions.defaults());
        assertTrue(nul.contains("column 'lon', row 1: the longitude is missing or NaN"), nul);
        assertTrue(nul.contains("{id=0, lon=null"), nul);
        String range = failure(withValue("lon", 181.5, 6), SparkPredictOptions.defaults());
        assertTrue(range.contains("column 'lon', row 7: 181.5 is outside [-180, 180]"), range);
        String lat95 = failure(withValue("lat", 95.0, 2),
                SparkPredictOptions.builder().predictions(false).embeddings(EmbeddingOutput.ARRAY).build());
        assertTrue(lat95.contains("column 'lat', row 3: 95.0 is outside [-90, 90] (latitude in degrees)"), lat95);
    }

    @Test
    void keepInvalidLocationsBehavesAsTheCli() throws Exception {
        SparkPredictOptions o = SparkPredictOptions.builder().invalidLocations(InvalidLocations.KEEP)
                .embeddings(EmbeddingOutput.ARRAY).build();
        List<Row> out = sorted(GeoCspSpark.predict(withValue("lat", 95.0, 2), modelFile, o));
        Row bad = out.get(2);
        assertEquals("none", bad.getString(bad.fieldIndex("rule")));
        assertNull(bad.get(bad.fieldIndex("pred_1")));
        assertNull(bad.get(bad.fieldIndex("score_1")));
        assertNull(bad.get(bad.fieldIndex("embedding")));
        assertEquals("location-only", out.get(1).getString(out.get(1).fieldIndex("rule")));
        // wrapping makes 190 the same place as -170
        List<Row> wrapped = sorted(GeoCspSpark.predict(withValue("lon", lon[4] + 360, 4), modelFile,
                SparkPredictOptions.builder().wrapLongitude(true).build()));
        List<Row> plain = sorted(GeoCspSpark.predict(withValue("lon", lon[4], 4), modelFile,
                SparkPredictOptions.defaults()));
        assertEquals(plain.get(4).getString(plain.get(4).fieldIndex("pred_1")),
                wrapped.get(4).getString(wrapped.get(4).fieldIndex("pred_1")));
    }

    @Test
    void missingOrMistypedColumnsFailBeforeAnyTaskNamingTheColumn() {
        Dataset<Row> t = table(1);
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> GeoCspSpark.predict(t,
                modelFile, SparkPredictOptions.builder().lonLatColumns("longitude", "lat").build()));
        assertTrue(missing.getMessage().contains("no longitude column 'longitude'")
                && missing.getMessage().contains("[id, lon, lat,"), missing.getMessage());
        Dataset<Row> text = t.withColumn("lat", t.col("lat").cast("string"));
        InvalidInputException type = assertThrows(InvalidInputException.class,
                () -> GeoCspSpark.predict(text, modelFile, SparkPredictOptions.defaults()));
        assertTrue(type.getMessage().contains("column 'lat' (latitude in degrees) has type string, expected a number")
                && type.getMessage().contains("e.g. the value '"), type.getMessage());
        InvalidInputException probs = assertThrows(InvalidInputException.class, () -> GeoCspSpark.predict(t,
                modelFile, SparkPredictOptions.builder().imageProbabilities(Columns.prefix("Q_")).build()));
        assertTrue(probs.getMessage().contains("Q_oak"), probs.getMessage());
        InvalidInputException arr = assertThrows(InvalidInputException.class, () -> GeoCspSpark.predict(t,
                modelFile, SparkPredictOptions.builder().imageEmbeddings(Columns.array("lat")).build()));
        assertTrue(arr.getMessage().contains("column 'lat' (image embedding) has type double, expected an array"),
                arr.getMessage());
        InvalidInputException clash = assertThrows(InvalidInputException.class, () -> GeoCspSpark.predict(
                t.withColumn("rule", t.col("id")), modelFile, SparkPredictOptions.defaults()));
        assertTrue(clash.getMessage().contains("already has column 'rule'"), clash.getMessage());
        InvalidInputException settings = assertThrows(InvalidInputException.class, () -> GeoCspSpark.predict(t,
                modelFile, SparkPredictOptions.builder().topK(0).batchSize(0).build()));
        assertEquals(2, settings.problems().size(), settings.getMessage());
    }

    @Test
    void malformedImageInputsFailNamingTheRow() throws Exception {
        Dataset<Row> t = table(1);
        Dataset<Row> partial = t.withColumn("img_fir", org.apache.spark.sql.functions.when(t.col("id").equalTo(5),
                null).otherwise(t.col("img_fir")));
        String m = failure(partial, SparkPredictOptions.builder().imageProbabilities(Columns.prefix("img_")).build());
        assertTrue(m.contains("row 6: 1 of the 5 image class probabilities columns are null") && m.contains("id=5"), m);
        Dataset<Row> negative = t.withColumn("img_oak", org.apache.spark.sql.functions.when(t.col("id").equalTo(8),
                -0.5f).otherwise(t.col("img_oak")));
        String neg = failure(negative, SparkPredictOptions.builder().imageProbabilities(Columns.prefix("img_")).build());
        assertTrue(neg.contains("row 9") && neg.contains("oak"), neg);
        Dataset<Row> shortArray = t.withColumn("feats", org.apache.spark.sql.functions.when(t.col("id").equalTo(2),
                org.apache.spark.sql.functions.array(org.apache.spark.sql.functions.lit(1.0)))
                .otherwise(t.col("feats")));
        String s = failure(shortArray, SparkPredictOptions.builder().imageEmbeddings(Columns.array("feats")).build());
        assertTrue(s.contains("image embeddings, row 3: has 1 values, the model's image classifier expects 6"), s);
    }

    @Test
    void optionsAreCheckedAgainstTheCoreDeclarations() {
        SparkPredictOptions d = SparkPredictOptions.defaults();
        assertEquals(PredictParams.TOP_K.defaultInt(), d.topK());
        assertEquals(PredictParams.BATCH_SIZE.defaultInt(), d.batchSize());
        org.geocsp.core.settings.InvalidSettingsException e = assertThrows(
                org.geocsp.core.settings.InvalidSettingsException.class, () -> SparkPredictOptions.builder().topK(0)
                        .batchSize(PredictParams.MAX_BATCH + 1).lonLatColumns(" ", "lat").build());
        assertEquals(java.util.Arrays.asList(null, PredictParams.TOP_K, PredictParams.BATCH_SIZE),
                e.settingProblems().stream().map(org.geocsp.core.settings.SettingProblem::param).toList());
        // a batch larger than one forward pass is read whole and predicted in passes, as geocsp predict does
        SparkPredictOptions big = d.toBuilder().batchSize(PredictParams.MAX_ROWS_PER_PASS + 1).build();
        assertEquals(PredictParams.MAX_ROWS_PER_PASS, big.request().batchSize());
        assertEquals(d, d.toBuilder().build());
    }
}
