package org.geocsp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.nn.FreezeMode;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.testutil.SectorTask;
import org.junit.jupiter.api.Test;

class FineTunerTest {

    static GeoModel gridEncoder(long seed) {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid"), StackSpec.csp().withDropout(0.1));
        return GeoModel.create(spec, seed);
    }

    static FineTuneSettings settings(int epochs, double lr) {
        TrainerSettings t = TrainerSettings.defaults(lr).withEpochs(epochs).withBatchSize(256)
                .withSchedule(LearningRateSchedule.exponential(lr, 0.98)).withValidation(0.1, 0).withSeed(5)
                .withDevice(DeviceChoice.CPU);
        return FineTuneSettings.defaults(epochs).withTrainer(t);
    }

    /** Top-1 of a model on a labelled dataset, by argmax of the class logits. */
    static double top1(GeoModel m, GeoDataset test) {
        float[][] logits = PretrainerTestSupport.logits(m, test.lonDegArray(), test.latDegArray());
        List<String> names = m.spec().classLabels();
        int hits = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = 0;
            for (int c = 1; c < logits[i].length; c++) {
                if (logits[i][c] > logits[i][best]) {
                    best = c;
                }
            }
            if (names.get(best).equals(test.labelNames().get(test.label(i)))) {
                hits++;
            }
        }
        return hits / (double) test.size();
    }

    @Test
    void gridModelLearnsGeographicClassesToAtLeast97Percent() {
        try (GeoDataset train = SectorTask.dataset(8000, 1); GeoDataset test = SectorTask.dataset(3000, 2);
                GeoModel enc = gridEncoder(3);
                FineTuner.Result r = FineTuner.run(enc, train, settings(40, 0.003), null)) {
            double acc = top1(r.model(), test);
            assertTrue(acc >= 0.97, "held-out top-1 " + acc + " (history " + r.training().history() + ")");
            assertEquals(ModelStage.FINETUNED, r.model().spec().stage());
            assertEquals(train.labelNames(), r.model().spec().classLabels());
        }
    }

    @Test
    void fewShotKeepsTheRatioPerClassWithAtLeastOne() {
        try (GeoDataset train = SectorTask.dataset(2000, 4); GeoModel enc = gridEncoder(3);
                FineTuner.Result r = FineTuner.run(enc, train, settings(1, 0.001).withLabelRatio(0.05), null)) {
            int[] counts = new int[train.numClasses()];
            for (int i = 0; i < train.size(); i++) {
                counts[train.label(i)]++;
            }
            int expected = 0;
            for (int c : counts) {
                expected += Math.max(1, (int) Math.rint(c * 0.05));
            }
            assertEquals(expected, r.labelledRowsUsed());
            assertEquals(0.05, r.model().spec().provenance().fineTuning().labelRatio());
        }
    }

    @Test
    void classesWithASingleExampleStillWork() throws Exception {
        GeoDataset.Builder b = GeoDataset.builder().withLabels("kind");
        for (int i = 0; i < 40; i++) {
            b.add(-100 + i, 10, "common", null, null);
        }
        b.add(120, -30, "rare", null, null);
        try (GeoDataset d = b.build(); GeoModel enc = gridEncoder(1);
                FineTuner.Result r = FineTuner.run(enc, d, settings(2, 0.001), null)) {
            assertEquals(List.of("common", "rare"), r.model().spec().classLabels());
        }
    }

    @Test
    void frozenEncoderStaysFixedWhileTheHeadLearns() {
        try (GeoDataset train = SectorTask.dataset(600, 6); GeoModel enc = gridEncoder(3)) {
            Map<String, float[]> before = PretrainerTestSupport.values(enc);
            try (FineTuner.Result r = FineTuner.run(enc, train, settings(2, 0.01).withFreeze(FreezeMode.LOCATION_ENCODER),
                    null)) {
                Map<String, float[]> after = PretrainerTestSupport.values(r.model());
                for (Map.Entry<String, float[]> e : before.entrySet()) {
                    assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " must not change");
                }
                assertTrue(after.containsKey("class_emb.weight"));
                // the head was trained: its values differ from a fresh head with the same seed
                try (GeoModel fresh = GeoModel.create(r.model().spec().withStage(ModelStage.INITIALISED), 5)) {
                    assertFalse(java.util.Arrays.equals(PretrainerTestSupport.values(fresh).get("class_emb.weight"),
                            after.get("class_emb.weight")));
                }
            }
        }
    }

    @Test
    void softmaxLossTrainsToo() {
        try (GeoDataset train = SectorTask.dataset(3000, 7); GeoDataset test = SectorTask.dataset(1000, 8);
                GeoModel enc = gridEncoder(3);
                FineTuner.Result r = FineTuner.run(enc, train,
                        settings(15, 0.003).withLoss(FineTuneSettings.LossKind.SOFTMAX), null)) {
            assertTrue(top1(r.model(), test) > 0.85);
            assertEquals("softmax", r.model().spec().provenance().fineTuning().loss());
            assertTrue(r.model().spec().provenance().fineTunedWithSoftmax());
        }
    }

    @Test
    void badInput() throws Exception {
        GeoDataset.Builder b = GeoDataset.builder();
        b.add(0, 0).add(1, 1);
        try (GeoDataset noLabels = b.build(); GeoModel enc = gridEncoder(1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> FineTuner.run(enc, noLabels, settings(1, 0.001), null));
            assertTrue(e.getMessage().contains("label column"));
        }
        assertThrows(InvalidInputException.class, () -> settings(1, 0.001).withLabelRatio(0));
        assertThrows(InvalidInputException.class, () -> FineTuneSettings.LossKind.parse("hinge"));
    }
}
