package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.model.FineTuningRecord;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocationPredictorTest {

    static final List<String> LABELS = List.of("oak", "pine", "fir", "elm");
    static GeoModel model;

    @BeforeAll
    static void makeModel() {
        model = PredictTestModels.classifier(LABELS, 11);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    static PredictionRequest.Builder all() {
        return PredictionRequest.builder().topK(4).includeClassScores(true).includeLocationScores(true);
    }

    @Test
    void everyMissingDataCombinationGetsItsRuleAndNoRowIsDropped() {
        double[] lon = {10, 20, Double.NaN, 30, 200, 200, -50};
        double[] lat = {45, -30, 10, 95, 0, 0, Double.NaN};
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f};
        float[][] img = {p, null, p, null, p, null, null};
        PredictionBatch b = new LocationPredictor(model, all().build()).predict(lon, lat, img, 1);
        assertEquals(7, b.size());
        assertEquals(Rule.COMBINED, b.rule(0));
        assertEquals(Rule.LOCATION_ONLY, b.rule(1));
        assertEquals(Rule.IMAGE_ONLY, b.rule(2));
        assertEquals(Rule.NONE, b.rule(3));
        assertEquals(Rule.IMAGE_ONLY, b.rule(4));
        assertEquals(Rule.NONE, b.rule(5));
        assertEquals(Rule.NONE, b.rule(6));
        assertNull(b.note(0));
        assertEquals("location only: no image class probabilities", b.note(1));
        assertEquals("image only: longitude is missing", b.note(2));
        assertTrue(b.note(3).contains("latitude 95.0 is outside [-90, 90]") && b.note(3).contains("no image"), b.note(3));
        assertTrue(b.note(4).contains("longitude 200.0 is outside [-180, 180]"), b.note(4));
        assertTrue(b.note(6).contains("latitude is missing"), b.note(6));
        for (int i : new int[] {3, 5, 6}) {
            assertEquals(-1, b.topClass(i, 0));
            assertNull(b.topLabel(i, 0));
            assertTrue(Float.isNaN(b.topScore(i, 0)));
            assertTrue(Float.isNaN(b.classScores(i)[0]));
        }
        assertTrue(Float.isNaN(b.locationScores(2)[0]));
        assertEquals(1, b.count(Rule.COMBINED));
        assertEquals(1, b.count(Rule.LOCATION_ONLY));
        assertEquals(2, b.count(Rule.IMAGE_ONLY));
        assertEquals(3, b.count(Rule.NONE));

        // wrapping turns lon 200 into -160, a valid location
        PredictionBatch w = new LocationPredictor(model, all().longitudePolicy(LongitudePolicy.WRAP).build())
                .predict(new double[] {200, -160}, new double[] {0, 0}, new float[][] {p, p}, 1);
        assertEquals(Rule.COMBINED, w.rule(0));
        assertArrayEquals(w.classScores(1), w.classScores(0), 1e-6f);

        // no image classifier at all: valid rows are location-only without a note
        PredictionBatch n = new LocationPredictor(model, all().build()).predict(lon, lat, 1);
        assertEquals(Rule.LOCATION_ONLY, n.rule(0));
        assertNull(n.note(0));
        assertEquals(Rule.NONE, n.rule(2));
        assertEquals("no prediction: longitude is missing", n.note(2));
    }

    @Test
    void scoresFollowTheProductRuleWithReferenceSigmoid() {
        double[] lon = {-120, 5, 77.5};
        double[] lat = {40, -10, 60};
        float[][] img = {{0.7f, 0.1f, 0.1f, 0.1f}, {0.25f, 0.25f, 0.25f, 0.25f}, {0, 0.5f, 0.5f, 0}};
        LocationPredictor pr = new LocationPredictor(model, all().build());
        assertTrue(pr.locationScoreDescription().contains("sigmoid"));
        PredictionBatch b = pr.predict(lon, lat, img, 1);
        for (int i = 0; i < lon.length; i++) {
            float[] logit = PredictTestModels.logits(model, lon[i], lat[i]);
            float[] loc = b.locationScores(i);
            float[] fin = b.classScores(i);
            double sum = 0;
            for (int c = 0; c < LABELS.size(); c++) {
                double s = PredictTestModels.sigmoid(logit[c]);
                sum += s;
                assertEquals(s, loc[c], 1e-6, "sigmoid row " + i + " class " + c);
                assertEquals(img[i][c] * s, fin[c], 1e-6, "product row " + i + " class " + c);
            }
            assertTrue(Math.abs(sum - 1) > 1e-3, "reference sigmoid scores are not normalised");
        }
        // image-only rows keep the image probabilities as given
        PredictionBatch io = pr.predict(new double[] {Double.NaN}, new double[] {0}, new float[][] {img[0]}, 1);
        assertArrayEquals(img[0], io.classScores(0), 0f);
    }

    @Test
    void normalisedRowsSumToOneAndRankLikeSigmoid() {
        double[] lon = {-120, 5, Double.NaN, 33};
        double[] lat = {40, -10, 0, 12};
        float[][] img = {{0.7f, 0.1f, 0.1f, 0.1f}, null, {2f, 1f, 1f, 0f}, {0.1f, 0.2f, 0.3f, 0.4f}};
        PredictionBatch s = new LocationPredictor(model, all().build()).predict(lon, lat, img, 1);
        PredictionBatch n = new LocationPredictor(model, all().scoreMode(ScoreMode.NORMALISED).build())
                .predict(lon, lat, img, 1);
        for (int i = 0; i < lon.length; i++) {
            double sum = 0;
            for (float v : n.classScores(i)) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5, "row " + i + " (" + n.rule(i) + ")");
            for (int r = 0; r < 4; r++) {
                assertEquals(s.topClass(i, r), n.topClass(i, r));
            }
        }
        assertEquals(0.5f, n.classScores(2)[0], 1e-6f); // image-only 2/(2+1+1+0)
    }

    @Test
    void softmaxModeGivesTheSoftmaxOfAPresenceAbsenceModelsLogitsAndNormalisedProducts() {
        double[] lon = {-120, 5, 77.5};
        double[] lat = {40, -10, 60};
        float[][] img = {{0.7f, 0.1f, 0.1f, 0.1f}, null, {0, 0.5f, 0.5f, 0}};
        LocationPredictor pr = new LocationPredictor(model, all().scoreMode(ScoreMode.SOFTMAX).build());
        assertTrue(pr.locationScoreDescription().contains("softmax"));
        PredictionBatch b = pr.predict(lon, lat, img, 1);
        PredictionBatch sigmoid = new LocationPredictor(model, all().build()).predict(lon, lat, null, 1);
        for (int i = 0; i < lon.length; i++) {
            float[] logit = PredictTestModels.logits(model, lon[i], lat[i]);
            double z = 0;
            for (float l : logit) {
                z += Math.exp(l);
            }
            double[] expectedFinal = new double[logit.length];
            double finalSum = 0;
            for (int c = 0; c < logit.length; c++) {
                double p = Math.exp(logit[c]) / z;
                assertEquals(p, b.locationScores(i)[c], 1e-6, "softmax row " + i + " class " + c);
                expectedFinal[c] = img[i] == null ? p : img[i][c] * p;
                finalSum += expectedFinal[c];
            }
            for (int c = 0; c < logit.length; c++) {
                assertEquals(expectedFinal[c] / finalSum, b.classScores(i)[c], 1e-6, "final row " + i + " class " + c);
            }
            if (img[i] == null) {
                for (int r = 0; r < 4; r++) {
                    assertEquals(sigmoid.topClass(i, r), b.topClass(i, r), "location-only ranking is the logits'");
                }
            }
        }
        assertEquals(ScoreMode.SOFTMAX, ScoreMode.parse(" SoftMax "));
    }

    @Test
    void softmaxModelsGiveSoftmaxProbabilitiesInSigmoidMode() {
        try (GeoModel m = PredictTestModels.classifier(LABELS, 12)) {
            m.setSpec(m.spec().withProvenance(Provenance.NONE.withFineTuning(
                    new FineTuningRecord(FineTuningRecord.SOFTMAX, 1, 60, false, null, "COMPLETED", 0, List.of()))));
            LocationPredictor pr = new LocationPredictor(m, all().build());
            assertTrue(pr.locationScoreDescription().contains("softmax"));
            PredictionBatch b = pr.predict(new double[] {12}, new double[] {34}, 1);
            float[] logit = PredictTestModels.logits(m, 12, 34);
            double z = 0;
            for (float l : logit) {
                z += Math.exp(l);
            }
            float[] got = b.locationScores(0);
            for (int c = 0; c < logit.length; c++) {
                assertEquals(Math.exp(logit[c]) / z, got[c], 1e-6);
            }
        }
    }

    @Test
    void badImageProbabilitiesAreNamedByRowAndProblem() {
        double[] lon = {0, 1, 2, 3, 4, 5};
        double[] lat = {0, 0, 0, 0, 0, 0};
        float[][] img = {{0.25f, 0.25f, 0.25f, 0.25f}, {0.5f, 0.5f}, {0.1f, Float.NaN, 0.2f, 0.1f},
            {0.5f, 0.5f, -0.1f, 0.1f}, {0, 0, 0, 0}, null};
        LocationPredictor pr = new LocationPredictor(model, all().build());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> pr.predict(lon, lat, img, 101));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals("image class probabilities, row 102: has 2 values, expected 4 (one per class of the model, in"
                + " its class order)", e.problems().get(0));
        assertEquals("image class probabilities, row 103: class 'pine' is NaN (a missing, NaN or infinite value)",
                e.problems().get(1));
        assertEquals("image class probabilities, row 104: class 'fir' is -0.1 (a probability cannot be negative)",
                e.problems().get(2));
        assertEquals("image class probabilities, row 105: all values are 0 (no class has any probability)",
                e.problems().get(3));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        float[][] zeros = new float[6][4];
        zeros[2] = null;
        InvalidInputException z = assertThrows(InvalidInputException.class, () -> pr.predict(lon, lat, zeros, 1));
        assertEquals(List.of("image class probabilities: 5 rows with only zeros (no class has any probability), e.g."
                + " row 1: all values are 0 (no class has any probability), row 2: all values are 0 (no class has any"
                + " probability), row 4: all values are 0 (no class has any probability), ..."), z.problems());
        assertThrows(InvalidInputException.class, () -> pr.predict(lon, lat, new float[2][], 1));
    }

    @Test
    void topKIsOrderedWithTiesByClassIndexAndCappedAtTheClassCount() {
        double[] nan = {Double.NaN, Double.NaN};
        float[][] img = {{0.1f, 0.3f, 0.3f, 0.3f}, {0.4f, 0.1f, 0.4f, 0.1f}};
        PredictionBatch b = new LocationPredictor(model, PredictionRequest.builder().topK(10).build())
                .predict(nan, new double[] {0, 0}, img, 1);
        assertEquals(4, b.k());
        int[][] want = {{1, 2, 3, 0}, {0, 2, 1, 3}};
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 4; r++) {
                assertEquals(want[i][r], b.topClass(i, r), "row " + i + " rank " + r);
                assertEquals(img[i][want[i][r]], b.topScore(i, r));
            }
        }
        assertEquals("pine", b.topLabel(0, 0));
        // model scores: non-increasing, top-1 is the arg max of the class scores
        PredictionBatch m = new LocationPredictor(model, all().topK(3).build())
                .predict(new double[] {-70, 100, 150}, new double[] {-20, 50, 5}, 1);
        for (int i = 0; i < 3; i++) {
            float[] all = m.classScores(i);
            int arg = 0;
            for (int c = 1; c < all.length; c++) {
                arg = all[c] > all[arg] ? c : arg;
            }
            assertEquals(arg, m.topClass(i, 0));
            assertTrue(m.topScore(i, 0) >= m.topScore(i, 1) && m.topScore(i, 1) >= m.topScore(i, 2));
        }
    }

    @Test
    void embeddingsEqualGeoModelEmbed() {
        double[] lon = {-179.5, 0, Double.NaN, 120.25};
        double[] lat = {-89, 0, 10, 33.3};
        PredictionBatch b = new LocationPredictor(model, all().includeEmbeddings(true).build()).predict(lon, lat, 1);
        float[][] want = model.embed(new double[] {-179.5, 0, 120.25}, new double[] {-89, 0, 33.3});
        assertEquals(16, b.embeddingDim());
        assertArrayEquals(want[0], b.embedding(0), 1e-6f);
        assertArrayEquals(want[1], b.embedding(1), 1e-6f);
        assertNull(b.embedding(2));
        assertArrayEquals(want[2], b.embedding(3), 1e-6f);
    }

    @Test
    void predictAllInSmallBatchesEqualsOneBatch() {
        int n = 11;
        double[] lon = new double[n];
        double[] lat = new double[n];
        float[][] img = new float[n][];
        for (int i = 0; i < n; i++) {
            lon[i] = i == 4 ? Double.NaN : -170 + 31 * i;
            lat[i] = -80 + 15 * i;
            img[i] = i % 3 == 0 ? null : new float[] {i, 1, 2, 3};
        }
        PredictionRequest req = all().includeEmbeddings(true).batchSize(3).build();
        PredictionBatch one = new LocationPredictor(model, req.toBuilder().batchSize(100).build()).predict(lon, lat, img, 1);
        PredictionBatch parts = new LocationPredictor(model, req).predictAll(lon, lat, img);
        assertEquals(n, parts.size());
        for (int i = 0; i < n; i++) {
            assertEquals(one.rule(i), parts.rule(i));
            assertEquals(one.note(i), parts.note(i));
            assertArrayEquals(one.classScores(i), parts.classScores(i), 1e-6f);
            for (int r = 0; r < 4; r++) {
                assertEquals(one.topClass(i, r), parts.topClass(i, r));
            }
        }
        assertNotNull(parts.embedding(10));
        assertNull(parts.embedding(4));
    }

    @Test
    void modelWithoutClassesIsRejected() {
        try (GeoModel m = GeoModel.create(PredictTestModels.smallSpec(), 1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new LocationPredictor(m, PredictionRequest.defaults()));
            assertTrue(e.getMessage().contains("no classes"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> PredictionRequest.builder().topK(0).build());
        assertEquals(ScoreMode.NORMALISED, ScoreMode.parse("Normalized"));
        assertThrows(InvalidInputException.class, () -> ScoreMode.parse("logit"));
    }

    @Test
    void unseenAndMissingLabelsAreCountedNotFatal() {
        LabelMapper m = new LabelMapper(LABELS);
        assertArrayEquals(new int[] {0, -1, 3, -1, -1}, m.map(new String[] {"oak", "maple", "elm", null, "maple"}));
        assertArrayEquals(new int[] {-1, 1}, m.map(new String[] {"birch", "pine"}));
        assertEquals(3, m.mappedRows());
        assertEquals(3, m.unseenRows());
        assertEquals(1, m.missingRows());
        assertEquals(List.of("maple", "birch"), List.copyOf(m.unseenLabels().keySet()));
        assertEquals(2L, m.unseenLabels().get("maple"));
        assertEquals("3 rows have labels the model has never seen (2 distinct): 'maple' (2), 'birch' (1); 1 row has"
                + " no label", m.summary());
        assertNull(new LabelMapper(LABELS).summary());
    }
}
