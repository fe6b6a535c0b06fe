package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerSettings;
import org.junit.jupiter.api.Test;

/**
 * The CSP product rule on a generated task where each source carries part of the signal: the
 * class is (sector, parity); the location fixes the sector (8 sectors: longitude quadrant ×
 * hemisphere) but says nothing about the parity (a fair coin per row); a simulated image
 * classifier sees the parity correctly 80% of the time and the sector only weakly.
 */
class CombinationQualityTest {

    static String sector(double lon, double lat) {
        int quadrant = (int) Math.min(3, Math.floor((lon + 180) / 90));
        return (lat >= 0 ? "N" : "S") + quadrant;
    }

    /** Rows with label "sector/parity". */
    static GeoDataset data(int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        GeoDataset.Builder b = GeoDataset.builder().withLabels("class");
        for (int i = 0; i < n; i++) {
            double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            double lon = 360 * r.nextDouble() - 180;
            b.add(lon, lat, sector(lon, lat) + "/" + (r.nextBoolean() ? "even" : "odd"), null, null);
        }
        return b.build();
    }

    /** A simulated image classifier's probabilities for a row whose true class is {@code truth}. */
    static float[] imageProbabilities(List<String> classes, String truth, SplittableRandom r) {
        String[] t = truth.split("/");
        String seenParity = r.nextDouble() < 0.8 ? t[1] : (t[1].equals("even") ? "odd" : "even");
        double[] logit = new double[classes.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < logit.length; c++) {
            String[] p = classes.get(c).split("/");
            logit[c] = (p[1].equals(seenParity) ? 3.0 : 0) + (p[0].equals(t[0]) ? 0.5 : 0) + r.nextGaussian();
            max = Math.max(max, logit[c]);
        }
        double sum = 0;
        float[] out = new float[logit.length];
        for (int c = 0; c < logit.length; c++) {
            sum += Math.exp(logit[c] - max);
        }
        for (int c = 0; c < logit.length; c++) {
            out[c] = (float) (Math.exp(logit[c] - max) / sum);
        }
        return out;
    }

    static double top1(PredictionBatch p, GeoDataset test) {
        int hits = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.labelNames().get(test.label(i)).equals(p.topLabel(i, 0))) {
                hits++;
            }
        }
        return hits / (double) test.size();
    }

    @Test
    void productOfImageAndLocationBeatsEitherAlone() throws IOException {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid").withFrequencyNum(16).withRadii(1, 360),
                StackSpec.csp().withHiddenDim(128).withOutputDim(64).withDropout(0.1));
        TrainerSettings t = TrainerSettings.defaults(0.003).withEpochs(20).withBatchSize(256)
                .withSchedule(LearningRateSchedule.exponential(0.003, 0.98)).withValidation(0.1, 0).withSeed(5)
                .withDevice(DeviceChoice.CPU);
        long t0 = System.nanoTime();
        try (GeoDataset train = data(4000, 1); GeoDataset test = data(1500, 2); GeoModel enc = GeoModel.create(spec, 3);
                FineTuner.Result r = FineTuner.run(enc, train, FineTuneSettings.defaults(20).withTrainer(t), null)) {
            System.out.println("fine-tune s " + (System.nanoTime() - t0) / 1e9);
            List<String> classes = r.model().spec().classLabels();
            assertEquals(16, classes.size());
            SplittableRandom rnd = new SplittableRandom(7);
            float[][] img = new float[test.size()][];
            for (int i = 0; i < img.length; i++) {
                img[i] = imageProbabilities(classes, test.labelNames().get(test.label(i)), rnd);
            }
            double[] lon = test.lonDegArray();
            double[] lat = test.latDegArray();
            double[] noLon = new double[lon.length];
            Arrays.fill(noLon, Double.NaN);
            LocationPredictor p = new LocationPredictor(r.model(), PredictionRequest.builder().topK(3).build());
            PredictionBatch locOnly = p.predictAll(lon, lat, null);
            PredictionBatch imgOnly = p.predictAll(noLon, lat, img);
            PredictionBatch combined = p.predictAll(lon, lat, img);
            assertEquals(test.size(), locOnly.count(Rule.LOCATION_ONLY));
            assertEquals(test.size(), imgOnly.count(Rule.IMAGE_ONLY));
            assertEquals(test.size(), combined.count(Rule.COMBINED));
            double accLoc = top1(locOnly, test);
            double accImg = top1(imgOnly, test);
            double accComb = top1(combined, test);
            // the location model did learn the sectors (parity aside)
            int sectorHits = 0;
            for (int i = 0; i < test.size(); i++) {
                if (locOnly.topLabel(i, 0).startsWith(sector(lon[i], lat[i]) + "/")) {
                    sectorHits++;
                }
            }
            double sectorAcc = sectorHits / (double) test.size();
            String msg = String.format("top-1 location-only %.3f, image-only %.3f, combined %.3f, sector accuracy %.3f",
                    accLoc, accImg, accComb, sectorAcc);
            System.out.println(msg + " total s " + (System.nanoTime() - t0) / 1e9);
            assertTrue(sectorAcc > 0.85, msg);
            assertTrue(accLoc < 0.6 && accImg < 0.6, msg); // each source alone can only get part of the class
            assertTrue(accComb > accLoc + 0.15 && accComb > accImg + 0.15, msg);
        }
    }
}
