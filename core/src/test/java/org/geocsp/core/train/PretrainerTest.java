package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.testutil.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {

    static GeoDataset data;

    @BeforeAll
    static void makeData() {
        data = SyntheticData.locationsWithEmbeddings(1200, 32, 7, 0.05);
    }

    @AfterAll
    static void closeData() {
        data.close();
    }

    static GeoModel smallModel(long seed) {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid").withFrequencyNum(12).withRadii(1, 360),
                StackSpec.csp().withHiddenDim(64).withOutputDim(32).withDropout(0.1));
        return GeoModel.create(spec, seed);
    }

    static PretrainSettings settings(int epochs) {
        TrainerSettings t = TrainerSettings.defaults(0.005).withEpochs(epochs).withBatchSize(128)
                .withValidation(0.2, 0).withSeed(11).withDevice(DeviceChoice.CPU);
        return PretrainSettings.csp(t).withTemperatures(0.1, 1, 1).withWeights(1, 1);
    }

    static float[] flatParams(GeoModel m) {
        List<Float> all = new ArrayList<>();
        for (Parameter p : m.network().referenceParameters().values()) {
            for (float f : p.getArray().toFloatArray()) {
                all.add(f);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void lossFallsAndRetrievalBeatsChance() {
        try (GeoModel m = smallModel(1)) {
            List<StepProgress> steps = new ArrayList<>();
            Pretrainer.Result r = Pretrainer.run(m, data, settings(6), new TrainingListener() {
                @Override
                public void onStep(StepProgress p) {
                    steps.add(p);
                }
            });
            try (GeoModel trained = r.model()) {
                List<EpochStats> h = r.training().history();
                assertEquals(6, h.size(), r.training().message());
                assertEquals(TrainingResult.Status.COMPLETED, r.training().status());
                assertTrue(h.get(5).trainLoss() < 0.8 * h.get(0).trainLoss(), "loss should fall: " + h);
                assertTrue(h.get(0).trainTerms().containsKey("L_B") && h.get(0).trainTerms().containsKey("L_L")
                        && h.get(0).trainTerms().containsKey("L_D"), h.get(0).trainTerms().toString());
                // 240 validation rows in chunks: chance top-1 is 1/240
                double best = h.stream().mapToDouble(EpochStats::validationMetric).max().orElse(0);
                assertTrue(best > 0.05, "retrieval top-1 " + best + " should beat chance 1/240 clearly");
                assertEquals(ModelStage.PRETRAINED, trained.spec().stage());
                assertEquals(32, trained.spec().imageDim());
                assertTrue(r.training().bestEpoch() >= 1);
                assertTrue(h.get(r.training().bestEpoch() - 1).best());
                assertFalse(steps.isEmpty());
                StepProgress last = steps.get(steps.size() - 1);
                assertEquals(1.0, last.fractionDone(), 1e-9);
                assertTrue(last.samplesPerSecond() > 0 && Double.isFinite(last.etaSeconds()));
            }
        }
    }

    @Test
    void sameSeedGivesBitIdenticalModels() {
        float[] a;
        float[] b;
        try (GeoModel m = smallModel(3); GeoModel t = Pretrainer.run(m, data, settings(2), null).model()) {
            a = flatParams(t);
        }
        try (GeoModel m = smallModel(3); GeoModel t = Pretrainer.run(m, data, settings(2), null).model()) {
            b = flatParams(t);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path full = tmp.resolve("full");
        Path cut = tmp.resolve("cut");
        PretrainSettings s = settings(4).withQueue(0);
        float[] expected;
        try (GeoModel m = smallModel(5);
                GeoModel t = Pretrainer.run(m, data, s.withTrainer(s.trainer().withCheckpointDir(full)), null).model()) {
            expected = flatParams(t);
        }
        // cancel during epoch 3: the checkpoint of epoch 2 stays
        try (GeoModel m = smallModel(5)) {
            TrainingListener cancelInEpoch3 = new TrainingListener() {
                int epochs;

                @Override
                public void onEpoch(EpochStats e) {
                    epochs++;
                }

                @Override
                public boolean isCancelled() {
                    return epochs >= 2;
                }
            };
            PretrainSettings sc = s.withTrainer(s.trainer().withCheckpointDir(cut));
            assertThrows(TrainingCancelledException.class, () -> Pretrainer.run(m, data, sc, cancelInEpoch3));
        }
        assertTrue(Checkpoints.exists(cut));
        assertTrue(Files.exists(cut.resolve("epoch-0002.geocsp")));
        try (Pretrainer.Result r = resume(cut, s)) {
            assertEquals(4, r.training().history().size());
            assertArrayEquals(expected, flatParams(r.model()));
        }
    }

    private static Pretrainer.Result resume(Path dir, PretrainSettings s) throws Exception {
        return Pretrainer.resume(dir, data, s.withTrainer(s.trainer().withCheckpointDir(dir)), null);
    }

    @Test
    void cancellationStopsBeforeTheNextStep() {
        try (GeoModel m = smallModel(2)) {
            int[] stepsSeen = {0};
            TrainingListener l = new TrainingListener() {
                @Override
                public void onStep(StepProgress p) {
                    stepsSeen[0]++;
                }

                @Override
                public boolean isCancelled() {
                    return stepsSeen[0] >= 3;
                }
            };
            assertThrows(TrainingCancelledException.class, () -> Pretrainer.run(m, data, settings(3), l));
            assertEquals(3, stepsSeen[0]);
        }
    }

    @Test
    void twoTrainingsInParallelThreadsBothMatchTheirSerialResult() throws Exception {
        float[] serialA;
        float[] serialB;
        try (GeoModel m = smallModel(21); GeoModel t = Pretrainer.run(m, data, settings(2), null).model()) {
            serialA = flatParams(t);
        }
        PretrainSettings other = settings(2).withTrainer(settings(2).trainer().withSeed(99));
        try (GeoModel m = smallModel(22); GeoModel t = Pretrainer.run(m, data, other, null).model()) {
            serialB = flatParams(t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[]> a = pool.submit(() -> {
                try (GeoModel m = smallModel(21); GeoModel t = Pretrainer.run(m, data, settings(2), null).model()) {
                    return flatParams(t);
                }
            });
            Future<float[]> b = pool.submit(() -> {
                try (GeoModel m = smallModel(22); GeoModel t = Pretrainer.run(m, data, other, null).model()) {
                    return flatParams(t);
                }
            });
            assertArrayEquals(serialA, a.get());
            assertArrayEquals(serialB, b.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyObjectiveTrains() {
        for (Objective o : Objective.values()) {
            PretrainSettings s = settings(1).withObjective(o);
            if (o == Objective.CONTSOFTMAXSYM) {
                s = s.withQueue(256).withLearnableTemperature(true).withFalseNegativeKm(50)
                        .withNegatives(2, Samplers.Kind.TRAINING, 100);
            }
            try (GeoModel m = smallModel(4); GeoModel t = Pretrainer.run(m, data, s, null).model()) {
                assertEquals(ModelStage.PRETRAINED, t.spec().stage(), o.toString());
                assertEquals(o, t.spec().provenance().pretraining().objective());
            }
        }
    }

    /**
     * Regression: with zero-copy (aliased) batches the CSP default configuration (dropout 0.5,
     * batch 1024) produced NaN parameters after about 35 steps; the loop now uses owned batches.
     */
    @Test
    void cspDefaultConfigurationStaysFiniteOverManySteps() {
        try (GeoDataset big = SyntheticData.locationsWithEmbeddings(50 * 1024, 64, 13, 0.05)) {
            ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid"), StackSpec.csp()).withImageDim(64, List.of());
            TrainerSettings t = TrainerSettings.defaults(0.0005).withEpochs(1).withBatchSize(1024).withValidation(0, 0)
                    .withDevice(DeviceChoice.CPU);
            try (GeoModel m = GeoModel.create(spec, 0); Pretrainer.Result r = Pretrainer.run(m, big, PretrainSettings.csp(t), null)) {
                assertEquals(TrainingResult.Status.COMPLETED, r.training().status(), r.training().message());
                assertEquals(50, r.training().steps());
            }
        }
    }

    @Test
    void badInputIsReportedClearly() throws Exception {
        GeoDataset.Builder b = GeoDataset.builder();
        b.add(0, 0).add(1, 1).add(2, 2);
        try (GeoDataset noFeatures = b.build(); GeoModel m = smallModel(1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Pretrainer.run(m, noFeatures, settings(1), null));
            assertTrue(e.getMessage().contains("image-embedding"), e.getMessage());
        }
        ModelSpec spec;
        try (GeoModel tmp = smallModel(1)) {
            spec = tmp.spec().withImageDim(16, List.of());
        }
        try (GeoModel m = GeoModel.create(spec, 1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Pretrainer.run(m, data, settings(1), null));
            assertTrue(e.getMessage().contains("width 16") && e.getMessage().contains("width 32"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> settings(1).withQueue(10));
    }

    static Map<String, Parameter> params(GeoModel m) {
        return m.network().referenceParameters();
    }
}
