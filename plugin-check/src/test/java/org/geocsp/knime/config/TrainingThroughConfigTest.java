package org.geocsp.knime.config;

import org.geocsp.core.train.StatisticsTable;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.model.TrainingHistory;
import org.geocsp.core.predict.GeolocationBatch;
import org.geocsp.core.predict.ImageGeolocator;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.Rule;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.sample.PlaceNameEmbedding;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.model.EpochStats;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the training nodes do, without KNIME: node settings converted by the configs drive core's
 * trainers on the sample places, and the statistics table has a column for every loss term core
 * reports (none is dropped) and a value in each.
 */
class TrainingThroughConfigTest {

    private static SamplePlaces places;
    private static int[] rows;

    @BeforeAll
    static void load() {
        places = SamplePlaces.load();
        SamplePlacesConfig c = new SamplePlacesConfig(SamplePlacesConfig.defaults().values()
                .with(SamplePlacesConfig.ROWS, 600).with(SamplePlacesConfig.EMBEDDING_WIDTH, 32));
        rows = c.selectRows(places);
    }

    private static GeoDataset dataset(boolean features, boolean labels) throws IOException {
        String[] names = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            names[i] = places.name(rows[i]);
        }
        PlaceNameEmbedding emb = PlaceNameEmbedding.fit(List.of(names), PlaceNameEmbedding.Settings.DEFAULT.withWidth(32));
        GeoDataset.Builder b = GeoDataset.builder();
        if (labels) {
            b.withLabels("continent");
        }
        if (features) {
            b.withFeatures(32, null);
        }
        for (int i = 0; i < rows.length; i++) {
            double lon = places.lon(rows[i]);
            b.add(lon, places.lat(rows[i]), labels ? (lon < -30 ? "west" : lon < 60 ? "middle" : "east") : null,
                    features ? emb.embed(names[i]) : null, null);
        }
        return b.build();
    }

    @Test
    void twoTrainingNodesInParallelBranchesBothSucceed() throws Exception {
        // what two KNIME nodes executing at once do: each on its own thread, with its own model and data
        TrainerConfig t = PretrainerConfig.TRAINER;
        PretrainSettings ps = new PretrainerConfig(PretrainerConfig.defaults().values().with(t.epochs, 2)
                .with(t.batchSize, 64).with(t.device, "cpu")).toCore(DeviceChoice.AUTO);
        FineTuneSettings fs = new FineTunerConfig(FineTunerConfig.defaults().values()
                .with(FineTunerConfig.TRAINER.epochs, 2).with(FineTunerConfig.TRAINER.batchSize, 64))
                .toCore(DeviceChoice.CPU);
        SpatialEncoderConfig enc = SpatialEncoderConfig.defaults();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Integer> a = pool.submit(() -> {
                try (GeoDataset data = dataset(true, false);
                        GeoModel init = GeoModel.create(enc.modelSpec(), 3);
                        Pretrainer.Result r = Pretrainer.run(init, data, ps,
                                org.geocsp.core.train.TrainingListener.NONE)) {
                    return r.training().history().size();
                }
            });
            java.util.concurrent.Future<Integer> b = pool.submit(() -> {
                try (GeoDataset data = dataset(false, true);
                        GeoModel init = GeoModel.create(enc.modelSpec(), 4);
                        FineTuner.Result r = FineTuner.run(init, data, fs,
                                org.geocsp.core.train.TrainingListener.NONE)) {
                    return r.training().history().size();
                }
            });
            assertEquals(2, a.get(300, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(2, b.get(300, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertTableCoversTerms(StatisticsTable table, List<EpochStats> history) {
        assertFalse(history.isEmpty());
        for (EpochStats s : history) {
            for (String reported : s.trainTerms().keySet()) {
                assertTrue(table.terms().contains(reported), "term " + reported + " has no column " + table.terms());
            }
            Object[] row = table.row(s);
            for (int i = 0; i < 2 + table.terms().size(); i++) {
                assertNotNull(row[i], "column " + table.columns().get(i).name() + " of epoch " + s.epoch());
            }
        }
    }

    private static List<String> histories(GeoModel m, ModelStage stage) {
        List<String> cols = new ArrayList<>(TrainingHistory.of(m.spec(), stage).columns());
        assertEquals(2, TrainingHistory.of(m.spec(), stage).rows().size(), stage.name());
        return cols;
    }

    @Test
    void pretrainingFromNodeSettingsThenFineTuning() throws IOException {
        SpatialEncoderConfig enc = SpatialEncoderConfig.defaults();
        TrainerConfig t = PretrainerConfig.TRAINER;
        PretrainerConfig pc = new PretrainerConfig(PretrainerConfig.defaults().values().with(t.epochs, 2)
                .with(t.batchSize, 64).with(t.validationFraction, 0.2).with(t.device, "cpu"));
        PretrainSettings ps = pc.toCore(DeviceChoice.AUTO);
        StatisticsTable table = StatisticsTable.forPretraining(pc.objective());
        try (GeoDataset data = dataset(true, false);
                GeoModel init = GeoModel.create(enc.modelSpec(), enc.initSeed());
                Pretrainer.Result r = Pretrainer.run(init, data, ps, org.geocsp.core.train.TrainingListener.NONE)) {
            assertEquals(ModelStage.PRETRAINED, r.model().spec().stage());
            assertEquals(32, r.model().spec().imageDim());
            assertTableCoversTerms(table, r.training().history());
            // contsoftmax with default weights reports all three terms
            assertEquals(table.terms(), List.copyOf(r.training().history().get(0).trainTerms().keySet()));
            assertNotNull(table.row(r.training().history().get(1))[table.terms().size() + 3], "retrieval top-1");
            assertTrue(histories(r.model(), ModelStage.PRETRAINED).contains("trainLoss"));
            geolocateRows(r.model(), data);

            FineTunerConfig fc = new FineTunerConfig(FineTunerConfig.defaults().values()
                    .with(FineTunerConfig.TRAINER.epochs, 2).with(FineTunerConfig.TRAINER.batchSize, 64)
                    .with(FineTunerConfig.LABEL_RATIO, 0.5));
            for (String loss : List.of("presence-absence", "softmax")) {
                FineTunerConfig lc = new FineTunerConfig(fc.values().with(FineTunerConfig.LOSS, loss));
                FineTuneSettings fs = lc.toCore(DeviceChoice.CPU);
                try (GeoDataset labelled = dataset(false, true);
                        FineTuner.Result f = FineTuner.run(r.model(), labelled, fs,
                                org.geocsp.core.train.TrainingListener.NONE)) {
                    assertEquals(List.of("west", "middle", "east").stream().sorted().toList(),
                            f.model().spec().classLabels().stream().sorted().toList());
                    assertTableCoversTerms(StatisticsTable.forFineTuning(lc.loss()), f.training().history());
                    histories(f.model(), ModelStage.FINETUNED);
                    predictRows(f.model());
                }
            }
        }
    }

    @Test
    void fineTuningWithAnImageEmbeddingGivesAModelThatPredictsFromImageEmbeddings() throws IOException {
        SpatialEncoderConfig enc = SpatialEncoderConfig.defaults();
        FineTunerConfig fc = new FineTunerConfig(FineTunerConfig.defaults().values()
                .with(FineTunerConfig.TRAINER.epochs, 2).with(FineTunerConfig.TRAINER.batchSize, 64)
                .with(FineTunerConfig.TRAINER.device, "cpu")
                .with(FineTunerConfig.EMBEDDING.column, "name embedding"));
        assertTrue(fc.trainsImageClassifier());
        try (GeoDataset labelled = dataset(true, true); GeoModel init = GeoModel.create(enc.modelSpec(), 1);
                FineTuner.Result f = FineTuner.run(init, labelled, fc.toCore(DeviceChoice.AUTO),
                        org.geocsp.core.train.TrainingListener.NONE)) {
            assertEquals(32, f.model().spec().imageClassifierDim());
            StatisticsTable table = StatisticsTable.forFineTuning(fc.loss(), true);
            assertTableCoversTerms(table, f.training().history());
            assertTrue(f.training().history().get(0).trainTerms().containsKey(LossTerms.L_IMG));
            LocationPredictorConfig pc = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                    .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_EMBEDDING)
                    .with(LocationPredictorConfig.IMAGE_EMBEDDING_COLUMNS.column, "emb"));
            LocationPredictorConfig.Inputs in = assertDoesNotThrow(() -> pc.resolveColumns(List.of(
                    ColumnInfo.of("lon", ColumnType.DOUBLE), ColumnInfo.of("lat", ColumnType.DOUBLE),
                    new ColumnInfo("emb", ColumnType.DOUBLE_VECTOR, 32)), f.model().spec().classLabels(),
                    f.model().spec().imageClassifierDim()));
            assertNotNull(in.imageEmbedding());
            LocationPredictor p = new LocationPredictor(f.model(), pc.request());
            float[][] probs = p.imageProbabilities(new float[][] {labelled.feature(0), null}, 1);
            PredictionBatch b = p.predict(new double[] {labelled.lonDeg(0), labelled.lonDeg(1)},
                    new double[] {labelled.latDeg(0), labelled.latDeg(1)}, probs, 1);
            assertEquals(org.geocsp.core.predict.Rule.COMBINED, b.rule(0));
            assertEquals(org.geocsp.core.predict.Rule.LOCATION_ONLY, b.rule(1));
        }
    }

    @Test
    void pretrainingWithoutValidationKeepsItsHistory() throws IOException {
        TrainerConfig t = PretrainerConfig.TRAINER;
        PretrainerConfig pc = new PretrainerConfig(PretrainerConfig.defaults().values().with(t.epochs, 2)
                .with(t.batchSize, 64).with(t.validationFraction, 0.0).with(t.patience, 0).with(t.device, "cpu"));
        SpatialEncoderConfig enc = SpatialEncoderConfig.defaults();
        try (GeoDataset data = dataset(true, false);
                GeoModel init = GeoModel.create(enc.modelSpec(), 1);
                Pretrainer.Result r = Pretrainer.run(init, data, pc.toCore(DeviceChoice.CPU),
                        org.geocsp.core.train.TrainingListener.NONE)) {
            Object[] row = StatisticsTable.forPretraining(pc.objective()).row(r.training().history().get(0));
            assertEquals(null, row[row.length - 6], "no validation loss without validation");
            histories(r.model(), ModelStage.PRETRAINED);
        }
    }

    /** The predictor node's row values: one value per appended column, the rule per row as core decided. */
    private static void predictRows(GeoModel model) {
        List<String> labels = model.spec().classLabels();
        LocationPredictorConfig c = new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_VECTOR)
                .with(LocationPredictorConfig.OUTPUT, LocationPredictorConfig.OUT_BOTH)
                .with(LocationPredictorConfig.TOP_K, 2).with(LocationPredictorConfig.LOCATION_SCORES, true)
                .with(LocationPredictorConfig.EMBEDDING, true));
        List<ColumnInfo> cols = c.outputColumns(labels, List.of("lon", "lat", "probs"),
                model.spec().stack().outputDim());
        LocationPredictor p = new LocationPredictor(model, c.request());
        float[] uniform = new float[labels.size()];
        java.util.Arrays.fill(uniform, 1f / labels.size());
        PredictionBatch b = p.predict(new double[] {2.35, Double.NaN, -74.0, Double.NaN},
                new double[] {48.85, 10, 40.7, 0}, new float[][] {uniform, uniform, null, null}, 1);
        assertEquals(List.of(Rule.COMBINED, Rule.IMAGE_ONLY, Rule.LOCATION_ONLY, Rule.NONE),
                List.of(b.rule(0), b.rule(1), b.rule(2), b.rule(3)));
        for (int i = 0; i < 4; i++) {
            Object[] v = c.appendedValues(b, i);
            assertEquals(cols.size(), v.length);
            for (int j = 0; j < v.length; j++) {
                ColumnType t = cols.get(j).type();
                assertTrue(v[j] == null || (t == ColumnType.DOUBLE && v[j] instanceof Double)
                        || (t == ColumnType.STRING && v[j] instanceof String)
                        || (t == ColumnType.DOUBLE_VECTOR && v[j] instanceof double[] d
                                && d.length == cols.get(j).width()), cols.get(j) + " = " + v[j]);
            }
        }
        assertEquals("combined", c.appendedValues(b, 0)[cols.size() - 3]);
        assertEquals(null, c.appendedValues(b, 3)[0], "no prediction: missing class score");
    }

    /** The geolocator node's row values against a grid gallery, with errors in km. */
    private static void geolocateRows(GeoModel model, GeoDataset data) {
        ImageGeolocatorConfig c = new ImageGeolocatorConfig(ImageGeolocatorConfig.defaults().values()
                .with(ImageGeolocatorConfig.GRID_RESOLUTION, 5.0).with(ImageGeolocatorConfig.TOP_K, 3));
        List<ColumnInfo> cols = c.outputColumns(List.of("emb"), true);
        try (ImageGeolocator g = ImageGeolocator.create(model, c.gridGallery())) {
            float[][] emb = {data.feature(0), null, data.feature(2)};
            GeolocationBatch b = g.locate(emb, c.topK(), new double[] {data.lonDeg(0), 0, data.lonDeg(2)},
                    new double[] {data.latDeg(0), 0, data.latDeg(2)}, 1);
            Object[] v = c.appendedValues(b, 0, true);
            assertEquals(cols.size(), v.length);
            double err = (Double) v[cols.size() - 2];
            assertTrue(err >= 0 && err <= 20_038, "error km " + err);
            Object[] missing = c.appendedValues(b, 1, true);
            assertEquals(null, missing[0]);
            assertNotNull(missing[cols.size() - 1], "a note says why row 2 has no result");
        }
    }
}
