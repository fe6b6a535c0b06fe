package org.geocsp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning with an image classifier, on a task that neither side solves alone: the class is
 * (hemisphere, kind), the location tells only the hemisphere and the image embedding only the kind.
 */
class FineTunerImageClassifierTest {

    static final int DIM = 16;
    static final String[] KINDS = {"A", "B"};

    /** n rows: area-uniform locations; the embedding is the kind's pattern plus Gaussian noise. */
    static GeoDataset dataset(int n, long seed, boolean withEmbeddings) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        GeoDataset.Builder b = GeoDataset.builder().withLabels("class");
        if (withEmbeddings) {
            b.withFeatures(DIM, null);
        }
        for (int i = 0; i < n; i++) {
            double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            double lon = 360 * r.nextDouble() - 180;
            int kind = r.nextInt(2);
            String label = (lat >= 0 ? "N-" : "S-") + KINDS[kind];
            b.add(lon, lat, label, withEmbeddings ? embedding(kind, r) : null, null);
        }
        return b.build();
    }

    static float[] embedding(int kind, SplittableRandom r) {
        float[] f = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            f[j] = (float) ((j < DIM / 2) == (kind == 0) ? 1 + 0.3 * r.nextGaussian() : 0.3 * r.nextGaussian());
        }
        return f;
    }

    static FineTuneSettings settings() {
        return FineTunerTest.settings(12, 0.003).withImageClassifier(true);
    }

    static float[][] embeddings(GeoDataset d) {
        float[][] out = new float[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            out[i] = d.feature(i);
        }
        return out;
    }

    static double top1(PredictionBatch p, GeoDataset truth) {
        int hits = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (p.topLabel(i, 0).equals(truth.labelNames().get(truth.label(i)))) {
                hits++;
            }
        }
        return hits / (double) truth.size();
    }

    @Test
    void combinedPredictionSolvesWhatNeitherSideSolvesAlone() throws IOException {
        try (GeoDataset train = dataset(4000, 1, true); GeoDataset test = dataset(1500, 2, true);
                GeoModel enc = FineTunerTest.gridEncoder(3);
                FineTuner.Result r = FineTuner.run(enc, train, settings(), null)) {
            assertEquals(DIM, r.model().spec().imageClassifierDim());
            assertTrue(r.model().network().referenceParameters().containsKey("img_cls.weight"));
            assertTrue(r.training().history().get(0).trainTerms().containsKey(LossTerms.L_IMG),
                    "epoch terms " + r.training().history().get(0).trainTerms());
            LocationPredictor lp = new LocationPredictor(r.model(), PredictionRequest.builder().topK(1).build());
            assertTrue(lp.hasImageClassifier());
            float[][] pImg = lp.imageProbabilities(embeddings(test), 1);
            PredictionBatch combined = lp.predictAll(test.lonDegArray(), test.latDegArray(), pImg);
            PredictionBatch locationOnly = lp.predictAll(test.lonDegArray(), test.latDegArray(), null);
            double both = top1(combined, test);
            double loc = top1(locationOnly, test);
            assertTrue(both >= 0.95, "combined top-1 " + both);
            assertTrue(loc <= 0.6, "location-only top-1 " + loc + " (the kind is not in the location)");
            assertEquals(test.size(), combined.count(Rule.COMBINED));
            // the image side alone: argmax of p_img gets the kind but not the hemisphere
            int imageHits = 0;
            for (int i = 0; i < test.size(); i++) {
                int best = 0;
                for (int c = 1; c < pImg[i].length; c++) {
                    if (pImg[i][c] > pImg[i][best]) {
                        best = c;
                    }
                }
                imageHits += r.model().spec().classLabels().get(best).equals(test.labelNames().get(test.label(i)))
                        ? 1 : 0;
            }
            assertTrue(imageHits / (double) test.size() <= 0.6, "image-only top-1 " + imageHits / (double) test.size());
        }
    }

    @Test
    void imageProbabilitiesAreTheSoftmaxOfTheStoredLinearLayerAndSurviveTheModelFile(@TempDir Path dir)
            throws IOException {
        try (GeoDataset train = dataset(600, 4, true); GeoModel enc = FineTunerTest.gridEncoder(3);
                FineTuner.Result r = FineTuner.run(enc, train, FineTunerTest.settings(2, 0.003)
                        .withImageClassifier(true), null)) {
            float[][] f = {train.feature(0), null, train.feature(2)};
            LocationPredictor lp = new LocationPredictor(r.model(), PredictionRequest.defaults());
            float[][] p = lp.imageProbabilities(f, 1);
            assertNull(p[1], "a missing embedding stays missing");
            float[] w = r.model().network().referenceParameters().get("img_cls.weight").getArray().toFloatArray();
            float[] bias = r.model().network().referenceParameters().get("img_cls.bias").getArray().toFloatArray();
            int c = bias.length;
            for (int row : new int[] {0, 2}) {
                double[] z = new double[c];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    z[k] = bias[k];
                    for (int j = 0; j < DIM; j++) {
                        z[k] += w[k * DIM + j] * (double) f[row][j];
                    }
                    max = Math.max(max, z[k]);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += Math.exp(z[k] - max);
                }
                for (int k = 0; k < c; k++) {
                    assertEquals(Math.exp(z[k] - max) / sum, p[row][k], 1e-5, "row " + row + " class " + k);
                }
            }
            Path file = dir.resolve("m.geocsp");
            ModelFile.save(r.model(), file);
            try (GeoModel back = ModelFile.load(file, ai.djl.Device.cpu())) {
                assertEquals(DIM, back.spec().imageClassifierDim());
                LocationPredictor again = new LocationPredictor(back, PredictionRequest.defaults());
                float[][] q = again.imageProbabilities(f, 1);
                assertArrayEquals(p[0], q[0]);
                assertArrayEquals(p[2], q[2]);
            }
        }
    }

    @Test
    void anOverConfidentImageClassifierIsCalibratedOnTheValidationRows() throws IOException {
        // the class is the kind alone, 30% of it flipped; few rows, 112 pure-noise dimensions,
        // trained long: the image classifier over-fits and is over-confident
        int width = 128;
        try (GeoDataset train = noisy(800, 8, width, 0.3); GeoDataset test = noisy(3000, 10, width, 0.3);
                GeoModel enc = FineTunerTest.gridEncoder(3)) {
            FineTuneSettings s = FineTunerTest.settings(60, 0.03).withImageClassifier(true);
            s = s.withTrainer(s.trainer().withValidation(0.4, 0));
            try (FineTuner.Result r = FineTuner.run(enc, train, s, null)) {
                double t = r.model().spec().provenance().fineTuning().imageTemperature();
                assertTrue(t > 1.2, "an over-confident classifier gets a temperature above 1, got " + t);
                LocationPredictor lp = new LocationPredictor(r.model(), PredictionRequest.defaults());
                float[][] calibrated = lp.imageProbabilities(embeddings(test), 1);
                float[] w = r.model().network().referenceParameters().get("img_cls.weight").getArray().toFloatArray();
                float[] b = r.model().network().referenceParameters().get("img_cls.bias").getArray().toFloatArray();
                List<String> classes = r.model().spec().classLabels();
                double nllCalibrated = 0;
                float[][] stored = new float[test.size()][b.length]; // logits of the stored (scaled) classifier
                int[] ys = new int[test.size()];
                for (int i = 0; i < test.size(); i++) {
                    int y = classes.indexOf(test.labelNames().get(test.label(i)));
                    ys[i] = y;
                    for (int k = 0; k < b.length; k++) {
                        stored[i][k] = b[k];
                        for (int j = 0; j < width; j++) {
                            stored[i][k] += w[k * width + j] * test.feature(i)[j];
                        }
                    }
                    nllCalibrated -= Math.log(calibrated[i][y]);
                }
                nllCalibrated /= test.size();
                // the same classifier before scaling: the stored logits times T
                double nllRaw = org.geocsp.core.eval.TemperatureFit.nll(stored, ys, t);
                // the scale is folded into the stored classifier: on fresh rows it wants at most a modest
                // further scale (the fit on a few hundred validation rows is noisy), not the 1/T that
                // unscaled logits would want
                double betaTest = org.geocsp.core.eval.TemperatureFit.beta(stored, ys);
                assertTrue(betaTest > 0.5 && betaTest < 2.5 && betaTest * t > 2, "scale wanted on the test rows: "
                        + betaTest + " (temperature " + t + ")");
                assertTrue(nllCalibrated < 0.97 * nllRaw, "held-out NLL calibrated " + nllCalibrated + " vs raw "
                        + nllRaw);
            }
        }
        try (GeoDataset train = dataset(300, 12, true); GeoModel enc = FineTunerTest.gridEncoder(3)) {
            FineTuneSettings s = FineTunerTest.settings(1, 0.003).withImageClassifier(true);
            try (FineTuner.Result r = FineTuner.run(enc, train, s.withTrainer(s.trainer().withValidation(0, 0)), null)) {
                assertTrue(r.model().spec().provenance().fineTuning().imageClassifier());
                assertEquals(null, r.model().spec().provenance().fineTuning().imageTemperature(), "not calibrated");
                assertEquals("not calibrated (no validation rows)",
                        r.model().spec().provenance().summary().get("image classifier temperature"));
            }
        }
    }

    /**
     * Rows labelled by kind only (a share flipped), with the kind's embedding plus
     * {@code width - DIM} pure-noise dimensions.
     */
    static GeoDataset noisy(int n, long seed, int width, double flip) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        GeoDataset.Builder b = GeoDataset.builder().withLabels("class").withFeatures(width, null);
        for (int i = 0; i < n; i++) {
            double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            double lon = 360 * r.nextDouble() - 180;
            int kind = r.nextInt(2);
            float[] f = java.util.Arrays.copyOf(embedding(kind, r), width);
            for (int j = DIM; j < width; j++) {
                f[j] = (float) r.nextGaussian();
            }
            int labelled = r.nextDouble() < flip ? 1 - kind : kind;
            b.add(lon, lat, KINDS[labelled], f, null);
        }
        return b.build();
    }

    @Test
    void badInputIsNamed() throws IOException {
        try (GeoDataset noEmbeddings = dataset(300, 5, false); GeoModel enc = FineTunerTest.gridEncoder(3)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> FineTuner.run(enc, noEmbeddings, settings(), null));
            assertTrue(e.getMessage().contains("'image classifier'"), e.getMessage());
            try (FineTuner.Result r = FineTuner.run(enc, noEmbeddings, FineTunerTest.settings(1, 0.003), null)) {
                assertFalse(r.model().spec().hasImageClassifier());
                LocationPredictor lp = new LocationPredictor(r.model(), PredictionRequest.defaults());
                assertFalse(lp.hasImageClassifier());
                InvalidInputException none = assertThrows(InvalidInputException.class,
                        () -> lp.imageProbabilities(new float[][] {new float[DIM]}, 1));
                assertTrue(none.getMessage().contains("no image classifier"), none.getMessage());
            }
        }
        try (GeoDataset train = dataset(300, 6, true); GeoModel enc = FineTunerTest.gridEncoder(3);
                FineTuner.Result r = FineTuner.run(enc, train, FineTunerTest.settings(1, 0.003)
                        .withImageClassifier(true), null)) {
            LocationPredictor lp = new LocationPredictor(r.model(), PredictionRequest.defaults());
            float[] nan = new float[DIM];
            nan[3] = Float.NaN;
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> lp.imageProbabilities(new float[][] {new float[DIM], new float[DIM - 1], nan}, 10));
            assertEquals(List.of("image embeddings, row 11: has 15 values, the model's image classifier expects 16",
                    "image embeddings, row 12: has the non-finite value NaN at position 3"), e.problems());
        }
    }

    @Test
    void resumeRefusesADifferentImageClassifierSetting(@TempDir Path dir) throws IOException {
        try (GeoDataset train = dataset(300, 7, true); GeoModel enc = FineTunerTest.gridEncoder(3)) {
            FineTuneSettings s = FineTunerTest.settings(1, 0.003).withImageClassifier(true);
            s = s.withTrainer(s.trainer().withCheckpointDir(dir));
            try (FineTuner.Result r = FineTuner.run(enc, train, s, null)) {
                assertTrue(Files.list(dir).findAny().isPresent());
            }
            FineTuneSettings off = s.withImageClassifier(false);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> FineTuner.resume(dir, train, off, null));
            assertTrue(e.getMessage().contains("'image classifier'"), e.getMessage());
        }
    }
}
