package org.geocsp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.testutil.SectorTask;
import org.geocsp.core.testutil.SyntheticData;
import org.junit.jupiter.api.Test;

/** The rescale of the pre-trained embedding to an untrained encoder's norm ({@link EmbeddingRescale}). */
class EmbeddingRescaleTest {

    private static final StackSpec RESIDUAL_16 = new StackSpec(org.geocsp.core.nn.StackKind.RESIDUAL, 2, 16, 16,
            Activation.RELU, 0.5, false, false, StackSpec.DEFAULT_SIREN_W0_INITIAL, StackSpec.DEFAULT_SIREN_W0);

    private static GeoModel model(String encoder, StackSpec stack) {
        return GeoModel.create(ModelSpec.of(EncoderSpec.of(encoder), stack), 3);
    }

    private static float[] embed(GeoModel m, GeoDataset d) {
        float[][] e = m.embed(d.lonDegArray(), d.latDegArray());
        float[] flat = new float[e.length * e[0].length];
        for (int i = 0; i < e.length; i++) {
            System.arraycopy(e[i], 0, flat, i * e[0].length, e[0].length);
        }
        return flat;
    }

    @Test
    void theFactorBringsTheNormToTheTargetAndIsOneWithoutAUsableNorm() {
        assertEquals(13.9 / 40.9, EmbeddingRescale.factor(13.9, 40.9), 1e-15);
        assertEquals(2.0, EmbeddingRescale.factor(4, 2), 1e-15);
        assertEquals(1.0, EmbeddingRescale.factor(13.9, 0));
        assertEquals(1.0, EmbeddingRescale.factor(13.9, Double.NaN));
        assertEquals(1.0, EmbeddingRescale.factor(Double.NaN, 40.9));
        assertEquals(1.0, EmbeddingRescale.factor(13.9, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> {
            try (GeoModel m = model("Space2Vec-grid", StackSpec.csp().withHiddenDim(16).withOutputDim(8))) {
                EmbeddingRescale.apply(m, 0);
            }
        });
    }

    @Test
    void theScaledTensorsAreThoseThatActLinearlyOnTheOutput() {
        try (GeoModel ffn = model("Space2Vec-grid", StackSpec.csp().withHiddenDim(16).withOutputDim(8));
                GeoModel gelu = model("Space2Vec-grid",
                        StackSpec.csp().withHiddenDim(16).withOutputDim(8).withActivation(Activation.GELU));
                GeoModel res = model("wrap", RESIDUAL_16);
                GeoModel siren = model("spherical_harmonics", DefaultStacks.forEncoder("spherical_harmonics")
                        .withHiddenDim(16).withOutputDim(8))) {
            assertEquals(List.of("loc_enc.spa_enc.ffn.layers.1.linear.weight", "loc_enc.spa_enc.ffn.layers.1.linear.bias"),
                    EmbeddingRescale.scaledTensors(ffn));
            assertEquals(List.of(), EmbeddingRescale.scaledTensors(gelu));
            assertEquals(List.of("loc_enc.feats.0.weight", "loc_enc.feats.0.bias", "loc_enc.feats.2.w1.bias",
                    "loc_enc.feats.2.w2.bias", "loc_enc.feats.3.w1.bias", "loc_enc.feats.3.w2.bias"),
                    EmbeddingRescale.scaledTensors(res));
            List<String> s = EmbeddingRescale.scaledTensors(siren);
            assertEquals(2, s.size(), s.toString());
            assertTrue(s.get(0).endsWith("last_layer.weight") && s.get(1).endsWith("last_layer.bias"), s.toString());
        }
    }

    /** For every stack with a scale, the embedding of every location is multiplied by c exactly. */
    @Test
    void applyingMultipliesEveryEmbeddingByTheFactor() {
        try (GeoDataset d = SectorTask.dataset(200, 4);
                GeoModel ffn = model("Space2Vec-grid", StackSpec.csp().withHiddenDim(16).withOutputDim(8));
                GeoModel leaky2 = model("sphereM+", StackSpec.csp().withHiddenDim(16).withHiddenLayers(2)
                        .withOutputDim(8).withActivation(Activation.RELU));
                GeoModel res = model("wrap", RESIDUAL_16);
                GeoModel siren = model("spherical_harmonics", DefaultStacks.forEncoder("spherical_harmonics")
                        .withHiddenDim(16).withOutputDim(8))) {
            for (GeoModel m : List.of(ffn, leaky2, res, siren)) {
                float[] before = embed(m, d);
                EmbeddingRescale.apply(m, 0.3);
                float[] after = embed(m, d);
                double maxAbs = 0;
                for (float f : before) {
                    maxAbs = Math.max(maxAbs, Math.abs(f));
                }
                for (int i = 0; i < before.length; i++) {
                    assertEquals(0.3 * before[i], after[i], 1e-5 * maxAbs, m.spec().encoder().name() + " value " + i);
                }
            }
        }
    }

    @Test
    void theMomentsOfTheScaledTensorsScaleWithThemAndTheOthersStay() {
        try (GeoModel m = model("Space2Vec-grid", StackSpec.csp().withHiddenDim(16).withOutputDim(8))) {
            String scaled = "loc_enc.spa_enc.ffn.layers.1.linear.bias";
            String other = "loc_enc.spa_enc.ffn.layers.0.linear.bias";
            Map<String, NDArray> state = new LinkedHashMap<>();
            for (String n : List.of(scaled, other)) {
                state.put("m/" + n, m.manager().create(new float[] {0.2f, -0.4f, 0, 0, 0, 0, 0, 1}));
                state.put("v/" + n, m.manager().create(new float[] {0.04f, 0.16f, 0, 0, 0, 0, 0, 1}));
                state.put("s/" + n, m.manager().create(new double[] {120}));
            }
            m.setOptimizerState(state.entrySet().stream().filter(e -> !e.getKey().endsWith("16"))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                            LinkedHashMap::new)));
            state.values().forEach(NDArray::close);
            float[] bias = m.network().referenceParameters().get(scaled).getArray().toFloatArray();
            EmbeddingRescale.apply(m, 0.5);
            Map<String, NDArray> s = m.optimizerState();
            assertArrayEquals(new float[] {0.1f, -0.2f, 0, 0, 0, 0, 0, 0.5f}, s.get("m/" + scaled).toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {0.01f, 0.04f, 0, 0, 0, 0, 0, 0.25f}, s.get("v/" + scaled).toFloatArray(),
                    1e-7f);
            assertArrayEquals(new double[] {120}, s.get("s/" + scaled).toType(DataType.FLOAT64, false).toDoubleArray());
            assertArrayEquals(new float[] {0.2f, -0.4f, 0, 0, 0, 0, 0, 1}, s.get("m/" + other).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.04f, 0.16f, 0, 0, 0, 0, 0, 1}, s.get("v/" + other).toFloatArray(), 1e-6f);
            float[] now = m.network().referenceParameters().get(scaled).getArray().toFloatArray();
            for (int i = 0; i < bias.length; i++) {
                assertEquals(0.5f * bias[i], now[i], 1e-7f);
            }
        }
    }

    @Test
    void aStackWithoutAnExactScaleIsLeftAsItIsAndSaysWhy() {
        try (GeoDataset d = SectorTask.dataset(200, 4);
                GeoModel m = model("Space2Vec-grid",
                        StackSpec.csp().withHiddenDim(16).withOutputDim(8).withActivation(Activation.TANH))) {
            float[] before = embed(m, d);
            String msg = EmbeddingRescale.rescale(m, 100, d);
            assertArrayEquals(before, embed(m, d));
            assertTrue(msg.contains("not rescaled") && msg.contains("tanh"), msg);
            assertTrue(m.spec().metadata().get(EmbeddingRescale.FACTOR).contains("tanh"));
        }
    }

    /**
     * Pre-training (reference temperatures) lets the embedding norm grow; with the default rescale
     * the pre-trained model's mean norm over the training rows is the untrained encoder's (kept in
     * its metadata), the retrieval ranking is unchanged, and one fine-tuning epoch starts clearly
     * better than from the same pre-training without the rescale.
     */
    @Test
    void theRescaledPreTrainingFineTunesBetterThanTheUnscaledOne() {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid"), StackSpec.csp().withHiddenDim(256));
        TrainerSettings pt = TrainerSettings.defaults(0.0005).withEpochs(20).withBatchSize(512).withSeed(11)
                .withValidation(0, 0).withDevice(DeviceChoice.CPU);
        TrainerSettings ft = TrainerSettings.defaults(0.001).withEpochs(1).withBatchSize(128)
                .withSchedule(LearningRateSchedule.exponential(0.001, 0.98)).withValidation(0.2, 0).withSeed(5)
                .withDevice(DeviceChoice.CPU);
        FineTuneSettings fs = FineTuneSettings.defaults(1).withTrainer(ft);
        List<String> messages = new java.util.ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        try (GeoDataset data = SyntheticData.locationsWithEmbeddings(6000, 32, 7, 0.05);
                GeoDataset labelled = SectorTask.dataset(600, 2);
                GeoModel a = GeoModel.create(spec, 11);
                GeoModel b = GeoModel.create(spec, 11);
                Pretrainer.Result on = Pretrainer.run(a, data, PretrainSettings.csp(pt), l);
                Pretrainer.Result off = Pretrainer.run(b, data, PretrainSettings.csp(pt).withEmbeddingRescale(false),
                        null)) {
            assertTrue(PretrainSettings.csp(pt).embeddingRescale(), "on by default");
            double untrained = EmbeddingRescale.untrainedNorm(spec, 11, data);
            double offNorm = EmbeddingRescale.meanNorm(off.model(), data);
            double onNorm = EmbeddingRescale.meanNorm(on.model(), data);
            Map<String, String> meta = on.model().spec().metadata();
            assertEquals(untrained, Double.parseDouble(meta.get(EmbeddingRescale.UNTRAINED_NORM)), 1e-9 * untrained);
            assertEquals(offNorm, Double.parseDouble(meta.get(EmbeddingRescale.TRAINED_NORM)), 1e-4 * offNorm);
            assertEquals(untrained / offNorm, Double.parseDouble(meta.get(EmbeddingRescale.FACTOR)), 1e-4);
            assertEquals(untrained, onNorm, 1e-4 * untrained);
            assertTrue(offNorm > 1.5 * untrained, "pre-training grew the norm: " + offNorm + " vs " + untrained);
            assertFalse(off.model().spec().metadata().containsKey(EmbeddingRescale.FACTOR));
            assertTrue(messages.stream().anyMatch(s -> s.startsWith("embedding rescaled by")), messages.toString());
            // same direction: the off model's embeddings times the factor
            float[] eOn = embed(on.model(), labelled);
            float[] eOff = embed(off.model(), labelled);
            double c = untrained / offNorm;
            for (int i = 0; i < eOn.length; i += 97) {
                assertEquals(c * eOff[i], eOn[i], 1e-4 * Math.max(1, Math.abs(eOn[i])), "value " + i);
            }
            double withRescale;
            double without;
            try (FineTuner.Result r = FineTuner.run(on.model(), labelled, fs, null)) {
                withRescale = r.training().history().get(0).validationMetric();
            }
            try (FineTuner.Result r = FineTuner.run(off.model(), labelled, fs, null)) {
                without = r.training().history().get(0).validationMetric();
            }
            System.out.println("norms untrained " + untrained + " pre-trained " + offNorm + "; epoch-1 top-1 rescaled "
                    + withRescale + " unscaled " + without);
            assertTrue(withRescale >= without + 0.05, "epoch-1 validation top-1 rescaled " + withRescale
                    + ", not rescaled " + without);
        }
    }
}
