package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.geocsp.core.data.BatchAssembler;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelTransfer;
import org.geocsp.core.testutil.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loop behaviour that needs a hand-made task: divergence, clipping, schedules. */
class TrainingLoopTest {

    static GeoDataset data;

    @BeforeAll
    static void makeData() {
        data = SyntheticData.locationsWithEmbeddings(600, 16, 3, 0.05);
    }

    @AfterAll
    static void closeData() {
        data.close();
    }

    /** Delegates to the real pre-training task but returns a NaN loss from one global step on. */
    static class PoisonedTask implements TrainingTask {
        final PretrainTask inner;
        final long poisonStep;

        PoisonedTask(PretrainTask inner, long poisonStep) {
            this.inner = inner;
            this.poisonStep = poisonStep;
        }

        @Override
        public boolean needsEmbeddings() {
            return true;
        }

        @Override
        public boolean needsLabels() {
            return false;
        }

        @Override
        public Map<String, Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public LossTerms loss(BatchAssembler.Batch batch, ParameterStore ps, NDManager step, long globalStep) {
            LossTerms t = inner.loss(batch, ps, step, globalStep);
            if (globalStep >= poisonStep) {
                NDArray nan = t.total().mul(Float.NaN);
                return new LossTerms(nan, t.components());
            }
            return t;
        }

        @Override
        public Validation validate(GeoDataset validation, ParameterStore ps, int batchSize) {
            return inner.validate(validation, ps, batchSize);
        }

        @Override
        public String metricName() {
            return inner.metricName();
        }
    }

    static PretrainSettings noValidation() {
        PretrainSettings s = PretrainerTest.settings(3);
        return s.withTrainer(s.trainer().withValidation(0, 0));
    }

    static GeoModel modelWithImages(long seed) {
        try (GeoModel m = PretrainerTest.smallModel(seed)) {
            return ModelTransfer.derive(m, m.spec().withImageDim(16, java.util.List.of()), m.device(), seed);
        }
    }

    @Test
    void divergenceStopsNamingEpochAndStepAndKeepsTheLastGoodParameters() {
        PretrainSettings s = noValidation();
        float[] afterFiveSteps;
        try (GeoModel m = modelWithImages(8); PretrainTask task = new PretrainTask(m, s)) {
            task.setTrainRows(data);
            int[] steps = {0};
            TrainingListener stopAfter5 = new TrainingListener() {
                @Override
                public void onStep(StepProgress p) {
                    steps[0]++;
                }

                @Override
                public boolean isCancelled() {
                    return steps[0] >= 5;
                }
            };
            assertThrows(TrainingCancelledException.class,
                    () -> new TrainingLoop(m, task, s.trainer(), stopAfter5).run(data, null, null));
            afterFiveSteps = PretrainerTest.flatParams(m);
        }
        try (GeoModel m = modelWithImages(8); PretrainTask task = new PretrainTask(m, s)) {
            task.setTrainRows(data);
            StringBuilder messages = new StringBuilder();
            TrainingResult r = new TrainingLoop(m, new PoisonedTask(task, 5), s.trainer(), new TrainingListener() {
                @Override
                public void onMessage(String message) {
                    messages.append(message);
                }
            }).run(data, null, null);
            assertEquals(TrainingResult.Status.DIVERGED, r.status());
            // 600 rows / 128 = 5 steps per epoch: global step 5 is epoch 2, step 1
            assertTrue(r.message().contains("epoch 2, step 1"), r.message());
            assertTrue(messages.toString().contains("diverged"), messages.toString());
            assertArrayEquals(afterFiveSteps, PretrainerTest.flatParams(m));
        }
    }

    @Test
    void gradientClippingLimitsTheUpdate() {
        PretrainSettings s = noValidation();
        float[] start;
        try (GeoModel m = modelWithImages(9)) {
            start = PretrainerTest.flatParams(m);
        }
        double free = change(s, start);
        double clipped = change(s.withTrainer(s.trainer().withGradientClipNorm(1e-12)), start);
        assertTrue(clipped < 0.2 * free, "clipped change " + clipped + " vs unclipped " + free);
    }

    private static double change(PretrainSettings s, float[] start) {
        PretrainSettings one = s.withTrainer(s.trainer().withEpochs(1));
        try (GeoModel m = modelWithImages(9); PretrainTask task = new PretrainTask(m, one)) {
            task.setTrainRows(data);
            new TrainingLoop(m, task, one.trainer(), null).run(data, null, null);
            float[] end = PretrainerTest.flatParams(m);
            double sum = 0;
            for (int i = 0; i < end.length; i++) {
                sum += Math.abs(end[i] - start[i]);
            }
            return sum;
        }
    }

    @Test
    void schedules() {
        LearningRateSchedule c = LearningRateSchedule.constant(0.01);
        assertEquals(0.01, c.at(7, 100, 1000), 0);
        LearningRateSchedule e = LearningRateSchedule.exponential(0.001, 0.98);
        assertEquals(0.001 * Math.pow(0.98, 3), e.at(3, 0, 10), 1e-15);
        LearningRateSchedule cos = LearningRateSchedule.cosine(0.1, 10, 0.0);
        assertEquals(0.01, cos.at(0, 0, 110), 1e-12);
        assertEquals(0.1, cos.at(0, 9, 110), 1e-12);
        assertEquals(0.05, cos.at(0, 60, 110), 1e-12);
        assertEquals(0.0, cos.at(0, 110, 110), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0.1, 1.5));
    }

    @Test
    void stepSeedsDiffer() {
        assertTrue(TrainingLoop.stepSeed(1, 0) != TrainingLoop.stepSeed(1, 1));
        assertTrue(TrainingLoop.stepSeed(1, 0) != TrainingLoop.stepSeed(2, 0));
        assertTrue(TrainingLoop.stepSeed(5, 123) >= 0);
    }

    @Test
    void plateauFactorHalvesAfterEveryHalfPatienceOfStaleEpochs() {
        java.util.List<EpochStats> h = new java.util.ArrayList<>();
        boolean[] best = {true, false, false, true, false, false, false, false};
        double[] expectedAfter = {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.125};
        for (int e = 0; e < best.length; e++) {
            h.add(new EpochStats(e + 1, 1, Map.of(), 1, 0.5, 0.01, 1, 1, best[e]));
            assertEquals(expectedAfter[e], TrainingLoop.plateauFactor(h, 4), "after epoch " + (e + 1));
            assertEquals(1, TrainingLoop.plateauFactor(h, 0), "no early stopping, no reduction");
        }
    }

    @Test
    void earlyStoppingHalvesTheRateBeforeItStops() {
        PretrainSettings s = PretrainerTest.settings(20);
        TrainerSettings t = s.trainer().withValidation(0.2, 4)
                .withSchedule(LearningRateSchedule.constant(0.01));
        try (GeoModel m = modelWithImages(8); PretrainTask inner = new PretrainTask(m, s.withTrainer(t))) {
            inner.setTrainRows(data);
            TrainingTask flat = new PoisonedTask(inner, Long.MAX_VALUE) {
                @Override
                public Validation validate(GeoDataset validation, ParameterStore ps, int batchSize) {
                    return new Validation(1, 0.5); // never improves after the first epoch
                }
            };
            GeoDataset.Split split = data.split(0.2, 1);
            TrainingResult r = new TrainingLoop(m, flat, t, null).run(split.train(), split.validation(), null);
            assertEquals(TrainingResult.Status.EARLY_STOPPED, r.status());
            double[] lrs = r.history().stream().mapToDouble(EpochStats::learningRate).toArray();
            assertArrayEquals(new double[] {0.01, 0.01, 0.01, 0.005, 0.005}, lrs, 1e-12);
            assertEquals(1, r.bestEpoch());
        }
    }
}
