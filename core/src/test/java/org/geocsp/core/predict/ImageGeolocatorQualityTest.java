package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.TrainerSettings;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality on {@link RetrievalTask}: a small model pre-trained contrastively for ~30 s
 * must put held-out images within 200 km (median) of their true location, both in a gallery of
 * the held-out locations hidden among 20,000 area-uniform distractors (nearest-neighbour spacing
 * about 160 km, so a region-level guess is not enough) and in a 1° equal-area grid. The same
 * architecture untrained stays thousands of km off, so the numbers come from the training.
 */
class ImageGeolocatorQualityTest {

    private static final int DISTRACTORS = 20_000;

    @Test
    void pretrainedModelLocatesHeldOutImagesWithin200KmMedian() {
        RetrievalTask task = new RetrievalTask(64, 17, 0.02);
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid").withFrequencyNum(16).withRadii(0.5, 360),
                StackSpec.csp().withHiddenDim(128).withOutputDim(64).withDropout(0.0));
        TrainerSettings t = TrainerSettings.defaults(0.003).withEpochs(40).withBatchSize(512)
                .withSchedule(LearningRateSchedule.exponential(0.003, 0.95)).withValidation(0.05, 0).withSeed(3)
                .withDevice(DeviceChoice.CPU);
        // image -> location is the retrieval direction, so the symmetric loss; no random-location term
        PretrainSettings s = PretrainSettings.csp(t).withObjective(Objective.CONTSOFTMAXSYM).withTemperatures(0.05, 1, 1)
                .withWeights(0, 0);
        try (GeoDataset train = task.dataset(16_000, 1); GeoDataset test = task.dataset(400, 2)) {
            float[][] images = new float[test.size()][];
            for (int i = 0; i < images.length; i++) {
                images[i] = test.feature(i);
            }
            Gallery hidden = withDistractors(test, DISTRACTORS, 99);
            double[] lon = test.lonDegArray();
            double[] lat = test.latDegArray();
            try (GeoModel fresh = GeoModel.create(spec.withImageDim(64, java.util.List.of()), 5);
                    ImageGeolocator g = ImageGeolocator.create(fresh, hidden)) {
                DistanceMetrics d = g.evaluate(images, lon, lat);
                assertTrue(d.medianKm() > 2000, "an untrained model should be far off, median " + d.medianKm());
            }
            try (GeoModel m = GeoModel.create(spec, 5); Pretrainer.Result r = Pretrainer.run(m, train, s, null)) {
                try (ImageGeolocator g = ImageGeolocator.create(r.model(), hidden)) {
                    DistanceMetrics d = g.evaluate(images, lon, lat);
                    String msg = describe("held-out + distractors", d);
                    System.out.println(msg);
                    assertTrue(d.medianKm() < 200, msg);
                    assertTrue(d.shareWithin(750) > 0.95, msg);
                }
                try (ImageGeolocator g = ImageGeolocator.create(r.model(), Gallery.equalAreaGrid(1))) {
                    DistanceMetrics d = g.evaluate(images, lon, lat);
                    String msg = describe("1° equal-area grid", d);
                    System.out.println(msg);
                    assertTrue(d.medianKm() < 200, msg);
                }
            }
        }
    }

    private static Gallery withDistractors(GeoDataset test, int distractors, long seed) {
        double[] lon = new double[test.size() + distractors];
        double[] lat = new double[lon.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < distractors; i++) {
            lat[i] = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
            lon[i] = 360 * rnd.nextDouble() - 180;
        }
        for (int i = 0; i < test.size(); i++) {
            lon[distractors + i] = test.lonDeg(i);
            lat[distractors + i] = test.latDeg(i);
        }
        return Gallery.of(lon, lat);
    }

    private static String describe(String gallery, DistanceMetrics d) {
        return String.format("%s: median %.0f km, within 25 km %.3f, 200 km %.3f, 750 km %.3f, 2500 km %.3f", gallery,
                d.medianKm(), d.shareWithin(25), d.shareWithin(200), d.shareWithin(750), d.shareWithin(2500));
    }
}
