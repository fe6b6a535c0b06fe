package org.geocsp.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.LossParams;
import org.geocsp.core.loss.McLoss;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.nn.FreezeMode;
import org.geocsp.core.nn.StackParams;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.settings.InvalidSettingsException;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.SettingProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The settings records check every field against its declaration and list every problem at once. */
class SettingsDeclarationsTest {

    private static final PretrainSettings D = PretrainSettings.defaults();

    private static Set<Param> params(Runnable r) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, r::run);
        return e.settingProblems().stream().map(SettingProblem::param).collect(Collectors.toSet());
    }

    @Test
    void defaultsAreTheDeclaredOnes() {
        assertEquals(Objective.CONTSOFTMAX, D.objective());
        assertEquals(List.of(20.0, 1.0, 1.0), List.of(D.tauInBatch(), D.tauRandom(), D.tauSimcse()));
        assertEquals(PretrainParams.TAU_IN_BATCH.defaultDouble(), D.tauInBatch());
        assertEquals(PretrainParams.RANDOM_WEIGHT.defaultDouble(), D.randomWeight());
        assertEquals(PretrainParams.SIMCSE_WEIGHT.defaultDouble(), D.simcseWeight());
        assertEquals(PretrainParams.NEGATIVES.defaultInt(), D.negativesPerRow());
        assertEquals(Samplers.Kind.AREA_UNIFORM, D.sampler());
        assertEquals(PretrainParams.JITTER_KM.defaultDouble(), D.samplerJitterKm());
        assertEquals(PretrainParams.QUEUE_SIZE.defaultInt(), D.queueSize());
        assertEquals(PretrainParams.FALSE_NEGATIVE_KM.defaultDouble(), D.falseNegativeKm());
        assertTrue(D.embeddingRescale());
        TrainerSettings t = D.trainer();
        assertEquals(LearningRateSchedule.constant(0.0005), t.schedule());
        // pre-training stops on the validation retrieval within a generous maximum
        assertEquals(List.of(100, 1024, 100, 10), List.of(t.epochs(), t.batchSize(), t.maxPerClass(), t.patience()));
        assertEquals(0.1, t.validationFraction());
        assertEquals(DeviceChoice.AUTO, t.device());
        FineTuneSettings f = FineTuneSettings.defaults();
        assertEquals(LearningRateSchedule.exponential(0.001, 0.98), f.trainer().schedule());
        assertEquals(List.of(1000, 50, 0.1), List.of(f.trainer().epochs(), f.trainer().patience(),
                f.trainer().validationFraction()));
        assertEquals(FineTuneSettings.LossKind.PRESENCE_ABSENCE, f.loss());
        assertEquals(FreezeMode.NONE, f.freeze());
        assertEquals(1.0, f.labelRatio());
        assertEquals(StackSpec.csp().hiddenDim(), StackParams.HIDDEN_DIM.defaultInt());
        assertEquals(EncoderSpec.of("Space2Vec-grid").frequencyNum(), EncoderParams.FREQUENCY_NUM.defaultInt());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e9 * 1.0000001})
    void everyTemperatureMustBePositiveAndFinite(double bad) {
        assertEquals(Set.of(PretrainParams.TAU_IN_BATCH), params(() -> D.withTemperatures(bad, 1, 1)));
        assertEquals(Set.of(PretrainParams.TAU_RANDOM), params(() -> D.withTemperatures(20, bad, 1)));
        assertEquals(Set.of(PretrainParams.TAU_SIMCSE), params(() -> D.withTemperatures(20, 1, bad)));
        assertEquals(Set.of(LossParams.TAU_IN_BATCH),
                params(() -> McLoss.Settings.csp(false, bad, 1, 1, 1, 1)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5, -1, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY})
    void everyWeightMustBeNonNegativeAndFinite(double bad) {
        assertEquals(Set.of(PretrainParams.RANDOM_WEIGHT), params(() -> D.withWeights(bad, 1)));
        assertEquals(Set.of(PretrainParams.SIMCSE_WEIGHT), params(() -> D.withWeights(1, bad)));
        assertEquals(Set.of(FineTuneParams.RANDOM_WEIGHT),
                params(() -> FineTuneSettings.defaults().withRandomWeight(bad)));
    }

    @Test
    void rangeEdgesOfTheTrainer() {
        TrainerSettings t = D.trainer();
        t.withBatchSize(2);
        t.withBatchSize(10_000_000);
        assertEquals(Set.of(TrainerParams.BATCH_SIZE), params(() -> t.withBatchSize(1)));
        assertEquals(Set.of(TrainerParams.BATCH_SIZE), params(() -> t.withBatchSize(10_000_001)));
        t.withEpochs(1);
        assertEquals(Set.of(TrainerParams.EPOCHS), params(() -> t.withEpochs(0)));
        t.withValidation(0.9, 0);
        assertEquals(Set.of(TrainerParams.VALIDATION_FRACTION), params(() -> t.withValidation(0.9000001, 0)));
        assertEquals(Set.of(TrainerParams.PATIENCE), params(() -> t.withValidation(0, 3)));
        assertEquals(Set.of(TrainerParams.LEARNING_RATE), params(() -> LearningRateSchedule.constant(0)));
        assertEquals(Set.of(TrainerParams.LEARNING_RATE), params(() -> LearningRateSchedule.constant(Double.NaN)));
        assertEquals(Set.of(TrainerParams.LR_DECAY), params(() -> LearningRateSchedule.exponential(0.1, 1.01)));
        LearningRateSchedule.exponential(0.1, 1);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new PretrainSettings(null, 0, Double.NaN, -1, -5, Double.NaN, 65, null, -1, false, -1, -2,
                        true, null));
        Set<Param> ps = e.settingProblems().stream().map(SettingProblem::param).collect(Collectors.toSet());
        assertTrue(ps.containsAll(List.of(PretrainParams.OBJECTIVE, PretrainParams.TAU_IN_BATCH,
                PretrainParams.TAU_RANDOM, PretrainParams.TAU_SIMCSE, PretrainParams.RANDOM_WEIGHT,
                PretrainParams.SIMCSE_WEIGHT, PretrainParams.NEGATIVES, PretrainParams.SAMPLER, PretrainParams.JITTER_KM,
                PretrainParams.QUEUE_SIZE, PretrainParams.FALSE_NEGATIVE_KM)), ps.toString());
        assertTrue(e.getMessage().contains("In-batch temperature (tau_b) must be in (0, 1e9], got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("trainer settings are missing"), e.getMessage());
    }

    @Test
    void sizesHaveUpperBounds() {
        EncoderSpec s = EncoderSpec.of("Space2Vec-grid");
        assertEquals(Set.of(EncoderParams.FREQUENCY_NUM), params(() -> s.withFrequencyNum(100_000_000)));
        assertEquals(Set.of(EncoderParams.NUM_ANCHORS), params(() -> s.withNumAnchors(1_000_001)));
        assertEquals(Set.of(StackParams.HIDDEN_DIM), params(() -> StackSpec.csp().withHiddenDim(65537)));
        assertEquals(Set.of(PretrainParams.QUEUE_SIZE), params(() -> D.withObjective(Objective.CONTSOFTMAXSYM)
                .withQueue(10_000_001)));
        for (List<Param> all : List.of(PretrainParams.ALL, TrainerParams.PRETRAINING.all(), FineTuneParams.ALL,
                EncoderParams.ALL, StackParams.ALL)) {
            for (Param p : all) {
                if (p.type() == Param.Type.INT || p.type() == Param.Type.DOUBLE) {
                    assertTrue(p.max() < Double.POSITIVE_INFINITY, p.key());
                }
            }
        }
    }

    @Test
    void keysAreUniqueWithinEachNode() {
        for (List<Param> all : List.of(PretrainParams.ALL, FineTuneParams.ALL, EncoderParams.ALL, StackParams.ALL)) {
            List<Param> both = new java.util.ArrayList<>(all);
            if (all != EncoderParams.ALL && all != StackParams.ALL) {
                both.addAll(TrainerParams.PRETRAINING.all());
            }
            assertEquals(both.size(), both.stream().map(Param::key).distinct().count());
        }
    }

    @Test
    void freezeModesParseInEverySpelling() {
        assertEquals(FreezeMode.LOCATION_ENCODER, FreezeMode.parse("location encoder"));
        assertEquals(FreezeMode.LOCATION_ENCODER, FreezeMode.parse("encoder"));
        assertEquals(FreezeMode.POSITION_ENCODER, FreezeMode.parse("Position_Encoder"));
        for (FreezeMode m : FreezeMode.values()) {
            assertEquals(m, FreezeMode.parse(m.choiceName()));
            assertTrue(FineTuneParams.FREEZE.choices().contains(m.choiceName()));
        }
        assertThrows(org.geocsp.core.io.InvalidInputException.class, () -> FreezeMode.parse("all"));
    }

    /** A new declaration fails here until its settings record gives its value (run records derive from it). */
    @Test
    void everyDeclarationHasItsValueAndTheDefaultsFormatAsDeclared() {
        java.util.Map<Param, Object> pre = PretrainSettings.defaults().values();
        assertEquals(PretrainParams.ALL, List.copyOf(pre.keySet()));
        java.util.Map<Param, Object> fine = FineTuneSettings.defaults().values();
        assertEquals(FineTuneParams.ALL, List.copyOf(fine.keySet()));
        for (TrainerParams t : List.of(TrainerParams.PRETRAINING, TrainerParams.FINE_TUNING)) {
            java.util.Map<Param, Object> tr = t.defaults().values();
            assertEquals(t.all().stream().map(Param::key).filter(k -> !k.equals(TrainerParams.DEVICE.key())).toList(),
                    tr.keySet().stream().map(Param::key).toList());
            assertEquals(t.learningRate.defaultText(), Param.format(tr.get(TrainerParams.LEARNING_RATE)));
            assertEquals(t.schedule.defaultText(), Param.format(tr.get(TrainerParams.SCHEDULE)));
            assertEquals(TrainerParams.BATCH_SIZE.defaultText(), Param.format(tr.get(TrainerParams.BATCH_SIZE)));
        }
        pre.forEach((p, v) -> assertEquals(p.defaultText(), Param.format(v), p.key()));
        fine.forEach((p, v) -> assertEquals(p.defaultText(), Param.format(v), p.key()));
        assertEquals("7", Param.format(PretrainSettings.defaults().withTemperatures(7, 1, 1).values()
                .get(PretrainParams.TAU_IN_BATCH)));
    }

    /** A new encoder or stack declaration fails here until its spec gives its value (run records derive from it). */
    @Test
    void everyModelDeclarationHasItsValueAndTheDefaultsFormatAsDeclared() {
        java.util.Map<Param, Object> enc = EncoderSpec.of(EncoderParams.DEFAULT_ENCODER).values();
        assertEquals(EncoderParams.ALL, List.copyOf(enc.keySet()));
        enc.forEach((p, v) -> assertEquals(p.defaultText(), Param.format(v), p.key()));
        java.util.Map<Param, Object> stack = StackSpec.csp().values();
        assertEquals(StackParams.ALL, List.copyOf(stack.keySet()));
        stack.forEach((p, v) -> assertEquals(p.defaultText(), Param.format(v), p.key()));
        assertEquals("0.25", Param.format(EncoderSpec.of(EncoderParams.DEFAULT_ENCODER).withRadii(0.25, 90).values()
                .get(EncoderParams.MIN_RADIUS)));
        assertEquals("96", Param.format(StackSpec.csp().withHiddenDim(96).values().get(StackParams.HIDDEN_DIM)));
    }
}
