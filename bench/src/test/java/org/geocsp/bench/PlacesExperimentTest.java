package org.geocsp.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.train.Pretrainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The places experiment on a 5,000-place subsample with tiny training budgets (seconds): splits,
 * few-shot rows, the pre-training pool, fine-tuning and scoring, and the benchmark's bookkeeping.
 */
class PlacesExperimentTest {

    private static final int PLACES = 5000;
    private static SamplePlaces places;
    private static PlacesExperiment exp;

    @BeforeAll
    static void prepare() throws IOException {
        places = SamplePlaces.load();
        exp = PlacesExperiment.prepare(places, PlacesExperiment.Config.defaults().withMaxPlaces(PLACES)
                .withEmbeddingWidth(64).withMaxPretrainRows(1500).withProbeBudget(2e6), m -> {});
    }

    @AfterAll
    static void close() {
        exp.close();
    }

    @Test
    void splitHoldsOutAFifthOfEachCountryAndKeepsEveryTestCountryInThePool() {
        assertEquals(PLACES, exp.poolSize() + exp.testSize());
        assertEquals(0.2, exp.testSize() / (double) PLACES, 0.02);
        // every test country is a pool class: fine-tuning on the pool can predict it
        SamplePlaces.Split s = SamplePlaces.splitStratified(subsampleLabels(), 0.2, 42);
        assertEquals(s.test().length, exp.testSize());
        assertEquals(exp.numClasses(SamplePlaces.Label.COUNTRY),
                distinct(subsampleLabels(), s.train()), "pool classes = distinct countries of the pool rows");
    }

    @Test
    void fewShotRowsKeepAtLeastOnePerClassAndAreReproducible() {
        int[] five = exp.labelledRows(SamplePlaces.Label.COUNTRY, 0.05);
        assertArrayEquals(five, exp.labelledRows(SamplePlaces.Label.COUNTRY, 0.05));
        assertTrue(five.length >= exp.numClasses(SamplePlaces.Label.COUNTRY));
        assertTrue(five.length < 0.05 * exp.poolSize() + exp.numClasses(SamplePlaces.Label.COUNTRY));
        assertEquals(exp.poolSize(), exp.labelledRows(SamplePlaces.Label.COUNTRY, 1.0).length);
        assertTrue(exp.numClasses(SamplePlaces.Label.ADMIN1) > 3 * exp.numClasses(SamplePlaces.Label.COUNTRY));
    }

    @Test
    void pretrainingDataIsAnUnlabelledSubsampleWithUnitNameEmbeddings() {
        GeoDataset d = exp.pretrainingData();
        assertEquals(1500, d.size());
        assertFalse(d.hasLabels(), "pre-training sees no label");
        assertEquals(64, d.featureDim());
        for (int i = 0; i < d.size(); i += 97) {
            double n = 0;
            for (float v : d.feature(i)) {
                n += v * v;
            }
            assertEquals(1.0, n, 1e-4, "the name embedding is L2-normalised");
        }
    }

    @Test
    void validationExperimentSplitsThePoolAndNeverTheTestSet() {
        try (PlacesExperiment val = exp.validationExperiment(0.2, 3)) {
            assertEquals(exp.poolSize(), val.poolSize() + val.testSize());
            assertEquals(0.2, val.testSize() / (double) exp.poolSize(), 0.02);
        }
        // closing the view leaves the parent's feature store open
        assertEquals(64, exp.pretrainingData().feature(0).length);
    }

    @Test
    void fineTunedLocationModelBeatsTheMajorityClassAndScoresAreConsistent() {
        QualityBenchmark.Plan plan = new QualityBenchmark.Plan(List.of(SamplePlaces.Label.COUNTRY),
                new double[] {0.2}, org.geocsp.core.nn.StackSpec.csp().withHiddenDim(64), 1, 256, 128, 60, 20, 0);
        int n = exp.labelledRows(SamplePlaces.Label.COUNTRY, 0.2).length;
        try (GeoModel enc = PlacesExperiment.newModel("Space2Vec-grid", plan.stack(), 0);
                PlacesExperiment.FineTuned ft = exp.fineTune(enc, SamplePlaces.Label.COUNTRY, 0.2,
                        QualityBenchmark.fineTuneSettings(plan, n), null)) {
            assertEquals(exp.numClasses(SamplePlaces.Label.COUNTRY), ft.model().spec().numClasses());
            PlacesExperiment.Scores s = exp.evaluate(ft);
            assertEquals(exp.testSize(), s.testRows());
            assertEquals(n, s.labelledRows());
            assertEquals("US", s.majorityClass());
            // country from location is easy: well above always answering "US"
            assertTrue(s.top1Location() > 2 * s.majorityRate(), s.toString());
            assertTrue(s.top3Location() >= s.top1Location() && s.top3Combined() >= s.top1Combined(), s.toString());
            assertTrue(s.top3CombinedSoftmax() >= s.top1CombinedSoftmax() && s.top1CombinedSoftmax() > 0, s.toString());
            assertTrue(s.top1Image() > s.majorityRate() * 0.5 && s.top1Image() < 1, s.toString());
            // the cached name-classifier probabilities give the same scores as a second evaluation
            assertEquals(s, exp.evaluate(ft));
        }
    }

    @Test
    void pretrainedModelGeolocatesNames() {
        QualityBenchmark.Plan plan = new QualityBenchmark.Plan(List.of(SamplePlaces.Label.COUNTRY),
                new double[] {0.1}, org.geocsp.core.nn.StackSpec.csp().withHiddenDim(64), 1, 256, 128, 20, 5, 0);
        try (Pretrainer.Result r = exp.pretrain("Space2Vec-grid", plan.stack(),
                QualityBenchmark.mc(plan, QualityBenchmark.McSettings.REFERENCE, true, true), null)) {
            assertEquals(1, r.training().history().size());
            assertEquals(64, r.model().spec().imageDim());
            DistanceMetrics d = exp.geolocate(r.model(), 200);
            assertEquals(200, d.count());
            assertTrue(d.medianKm() > 0 && d.medianKm() < 20_016, "median " + d.medianKm());
        }
    }

    @Test
    void methodsCoverTheIssueGridAndTheTunedVariant() {
        QualityBenchmark.Plan plan = new QualityBenchmark.Plan(List.of(SamplePlaces.Label.COUNTRY),
                new double[] {0.1}, org.geocsp.core.nn.StackSpec.csp(), 1, 256, 128, 20, 5, 0);
        List<String> names = QualityBenchmark.methods(plan, new QualityBenchmark.McSettings(0.1, 1, 1, 0.001)).stream()
                .map(QualityBenchmark.Method::name).toList();
        assertEquals(List.of("supervised wrap", "supervised grid", "CSP-MC-B ref", "CSP-MC-BL ref", "CSP-MC-BLD ref",
                "CSP-MC-B tuned", "CSP-MC-BL tuned", "CSP-MC-BLD tuned", "CSP-NCE", "CSP-MSE"), names);
        var ref = QualityBenchmark.methods(plan, null).get(2).pretrain();
        assertEquals(20, ref.tauInBatch());
        assertEquals(0.0005, ref.trainer().schedule().baseLr(),
                1e-12);
        assertEquals(0, ref.randomWeight());
        assertEquals(0, ref.simcseWeight());
        var bld = QualityBenchmark.methods(plan, null).get(4).pretrain();
        assertEquals(1, bld.randomWeight());
        assertEquals(1, bld.simcseWeight());
    }

    @Test
    void relativeImprovementIsAgainstTheBaselineAtTheSameTaskAndRatio() {
        List<QualityBenchmark.Row> rows = new ArrayList<>();
        rows.add(row("country", 0.01, "supervised grid", 0.40, 0.50, 0));
        rows.add(row("country", 0.01, "CSP", 0.50, 0.45, 0));
        rows.add(row("country", 1.0, "supervised grid", 0.80, 0.90, 0));
        rows.add(row("country", 1.0, "CSP", 0.84, 0.90, 0));
        rows.add(row("country", 1.0, "supervised grid", 0.70, 0.90, 1));
        rows.add(row("country", 1.0, "CSP", 0.84, 0.90, 1));
        Map<String, Double> loc = QualityBenchmark.relativeImprovement(rows, false);
        Map<String, Double> comb = QualityBenchmark.relativeImprovement(rows, true);
        assertEquals(0.25, loc.get(QualityBenchmark.key("country", 0.01, "CSP", 0)), 1e-12);
        assertEquals(-0.10, comb.get(QualityBenchmark.key("country", 0.01, "CSP", 0)), 1e-12);
        assertEquals(0.05, loc.get(QualityBenchmark.key("country", 1.0, "CSP", 0)), 1e-12);
        assertEquals(0.2, loc.get(QualityBenchmark.key("country", 1.0, "CSP", 1)), 1e-12, "the baseline of the same seed");
        assertEquals(0.0, loc.get(QualityBenchmark.key("country", 1.0, "supervised grid", 0)), 1e-12);
        assertNotNull(comb.get(QualityBenchmark.key("country", 1.0, "CSP", 0)));
        assertEquals("1%", QualityBenchmark.percent(0.01));
        assertEquals("100%", QualityBenchmark.percent(1.0));
        assertEquals("0.5%", QualityBenchmark.percent(0.005));
    }

    @Test
    void fineTuningEpochsAimAtTheTargetSteps() {
        // 1,000 rows at batch 100: 9 steps per epoch (0.9 after validation) -> 300 steps need 34 epochs, capped at 30
        assertEquals(30, PlacesExperiment.epochsFor(1000, 100, 300, 2, 30));
        assertEquals(12, PlacesExperiment.epochsFor(1000, 100, 100, 2, 30));
        // many rows: the minimum
        assertEquals(2, PlacesExperiment.epochsFor(1_000_000, 256, 600, 2, 30));
    }

    @Test
    void theSummaryGivesMeanSpreadAndTheChangeOfTopOneErrorAgainstTheBaseline() {
        List<QualityBenchmark.Row> rows = new ArrayList<>();
        rows.add(row("country", 0.05, "supervised grid", 0.80, 0.70, 1));
        rows.add(row("country", 0.05, "supervised grid", 0.90, 0.70, 2));
        rows.add(row("country", 0.05, "CSP", 0.90, 0.80, 1));
        rows.add(row("country", 0.05, "CSP", 0.92, 0.80, 2));
        List<QualityBenchmark.Summary> s = QualityBenchmark.summarise(rows);
        assertEquals(2, s.size());
        QualityBenchmark.Summary sup = s.get(0);
        assertEquals("supervised grid", sup.method());
        assertEquals(2, sup.seeds());
        assertEquals(0.85, sup.top1Location().mean(), 1e-12);
        assertEquals(Math.sqrt(0.005), sup.top1Location().sd(), 1e-12, "sample standard deviation");
        assertEquals(0.0, sup.errorChangeLocation(), 1e-12);
        QualityBenchmark.Summary csp = s.get(1);
        assertEquals(0.91, csp.top1Location().mean(), 1e-12);
        // error 0.15 -> 0.09: -40%
        assertEquals(-0.4, csp.errorChangeLocation(), 1e-12);
        assertEquals(0.8, csp.top1Combined().mean(), 1e-12);
        assertEquals(0.0, csp.top1Combined().sd(), 1e-12);
        assertEquals(0.1, csp.falsePositive().mean(), 1e-12);
    }

    private static QualityBenchmark.Row row(String task, double ratio, String method, double loc, double comb,
            long seed) {
        return new QualityBenchmark.Row(task, ratio, method, loc, loc, comb, comb, 0, 0, "US", 10, 10, 0, comb, comb,
                seed, "supervised grid", 0.1, List.of());
    }

    private static String[] subsampleLabels() {
        int[] rows = places.sampleRows(PLACES, 42);
        String[] all = places.labels(SamplePlaces.Label.COUNTRY);
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    private static int distinct(String[] labels, int[] rows) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (int r : rows) {
            s.add(labels[r]);
        }
        return s.size();
    }
}
