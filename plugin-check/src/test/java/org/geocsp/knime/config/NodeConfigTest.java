package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.FreezeMode;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.TrainerSettings;
import org.junit.jupiter.api.Test;

/** The node configs' defaults are core's defaults; conversions and validation messages name the settings. */
class NodeConfigTest {

    @Test
    void pretrainerDefaultsAreCoresDefaults() {
        PretrainerConfig c = PretrainerConfig.defaults();
        assertEquals(List.of(), c.settingProblems());
        assertEquals(PretrainSettings.defaults(), c.toCore(DeviceChoice.AUTO));
        // "preference" takes the preference page's device
        assertEquals(DeviceChoice.gpu(1), c.toCore(DeviceChoice.gpu(1)).trainer().device());
    }

    @Test
    void coreSettingsAreBuiltOncePerConfig() {
        PretrainerConfig c = PretrainerConfig.defaults();
        PretrainSettings first = c.toCore(DeviceChoice.CPU);
        assertSame(first, c.toCore(DeviceChoice.CPU), "validation and execution share one conversion");
        assertEquals(first.withTrainer(first.trainer().withDevice(DeviceChoice.gpu(1))), c.toCore(DeviceChoice.gpu(1)));
        FineTunerConfig f = FineTunerConfig.defaults();
        assertSame(f.toCore(DeviceChoice.CPU), f.toCore(DeviceChoice.CPU));
        assertEquals(f.toCore(DeviceChoice.AUTO), f.toCore(DeviceChoice.AUTO));
        assertEquals(DeviceChoice.gpu(0), f.toCore(DeviceChoice.gpu(0)).trainer().device());
    }

    @Test
    void fineTunerDefaultsAreCoresDefaults() {
        FineTunerConfig c = FineTunerConfig.defaults();
        assertEquals(List.of(), c.settingProblems());
        assertEquals(FineTuneSettings.defaults(FineTunerConfig.DEFAULT_EPOCHS), c.toCore(DeviceChoice.AUTO));
    }

    @Test
    void spatialEncoderDefaultIsCspsGridCellWithItsNetwork() {
        SpatialEncoderConfig c = SpatialEncoderConfig.defaults();
        assertEquals(List.of(), c.settingProblems());
        assertEquals(ModelSpec.of(EncoderSpec.of("Space2Vec-grid"), StackSpec.csp()), c.modelSpec());
    }

    @Test
    void encoderDefaultStackFollowsTheEncoder() {
        SpatialEncoderConfig c = new SpatialEncoderConfig(SpatialEncoderConfig.defaults().values()
                .with(SpatialEncoderConfig.ENCODER, "spherical_harmonics").with(SpatialEncoderConfig.HIDDEN_DIM, 7));
        assertEquals(DefaultStacks.forEncoder("spherical_harmonics"), c.modelSpec().stack());
        assertEquals(StackKind.SIREN, c.modelSpec().stack().kind());
    }

    @Test
    void customStackAndEncoderHyperParametersReachCore() {
        SettingValues v = SpatialEncoderConfig.defaults().values()
                .with(SpatialEncoderConfig.ENCODER, "rbf").with(SpatialEncoderConfig.NUM_ANCHORS, 50)
                .with(SpatialEncoderConfig.KERNEL_SIZE, 2.5).with(SpatialEncoderConfig.ENCODER_SEED, 9L)
                .with(SpatialEncoderConfig.STACK, SpatialEncoderConfig.STACK_CUSTOM)
                .with(SpatialEncoderConfig.STACK_KIND, "ffn").with(SpatialEncoderConfig.HIDDEN_LAYERS, 2)
                .with(SpatialEncoderConfig.HIDDEN_DIM, 64).with(SpatialEncoderConfig.EMBEDDING_DIM, 32)
                .with(SpatialEncoderConfig.ACTIVATION, "gelu").with(SpatialEncoderConfig.DROPOUT, 0.1)
                .with(SpatialEncoderConfig.LAYER_NORM, false);
        ModelSpec m = new SpatialEncoderConfig(v).modelSpec();
        assertEquals(EncoderSpec.of("rbf").withNumAnchors(50).withKernelSize(2.5).withSeed(9), m.encoder());
        assertEquals(new StackSpec(StackKind.FFN, 2, 64, 32, org.geocsp.core.nn.Activation.GELU, 0.1, false, true,
                30, 1), m.stack());
    }

    @Test
    void coreRulesAreReportedWithEveryProblem() {
        SettingValues v = SpatialEncoderConfig.defaults().values()
                .with(SpatialEncoderConfig.STACK, SpatialEncoderConfig.STACK_CUSTOM)
                .with(SpatialEncoderConfig.STACK_KIND, "residual").with(SpatialEncoderConfig.HIDDEN_DIM, 128)
                .with(SpatialEncoderConfig.MIN_RADIUS, 500.0);
        List<String> p = new SpatialEncoderConfig(v).settingProblems();
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("max_radius (360.0) must not be smaller than min_radius (500.0)"), p.get(0));
        assertTrue(p.get(1).contains("residual network keeps its width"), p.get(1));
    }

    @Test
    void rangeProblemsNameTheDialogLabelAndAreAllListed() {
        SettingValues v = PretrainerConfig.defaults().values().with(PretrainerConfig.TRAINER.epochs, 0)
                .with(PretrainerConfig.TRAINER.batchSize, 1).with(PretrainerConfig.OBJECTIVE, "nonsense");
        List<String> p = new PretrainerConfig(v).settingProblems();
        assertEquals(List.of("setting 'Objective' has the value 'nonsense'; valid values: contsoftmax, contsoftmaxsym,"
                + " imgcontloss, imgcontlosssimcse, imgcontlossnolocneg, l2regress",
                "setting 'Epochs' must be between 1 and 1000000, got 0",
                "setting 'Batch size' must be between 2 and 10000000, got 1"), p);
    }

    @Test
    void crossSettingRulesOfCoreAreReported() {
        SettingValues v = PretrainerConfig.defaults().values().with(PretrainerConfig.QUEUE_SIZE, 64)
                .with(PretrainerConfig.TRAINER.patience, 3).with(PretrainerConfig.TRAINER.validationFraction, 0.0)
                .with(PretrainerConfig.TRAINER.resume, true);
        List<String> p = new PretrainerConfig(v).settingProblems();
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("'Resume from checkpoint' needs a checkpoint folder"), p.get(0));
        v = v.with(PretrainerConfig.TRAINER.checkpointFolder, "/tmp/ckpt");
        p = new PretrainerConfig(v).settingProblems();
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("early stopping (patience 3) needs a validation fraction")));
        assertTrue(p.stream().anyMatch(s -> s.contains("negative queue needs the symmetric MC objective")));
    }

    @Test
    void everyPretrainingSettingReachesCore() {
        TrainerConfig t = PretrainerConfig.TRAINER;
        SettingValues v = PretrainerConfig.defaults().values().with(PretrainerConfig.OBJECTIVE, "CONTSOFTMAXSYM")
                .with(PretrainerConfig.TAU_IN_BATCH, 10.0).with(PretrainerConfig.TAU_RANDOM, 2.0)
                .with(PretrainerConfig.TAU_SIMCSE, 3.0).with(PretrainerConfig.RANDOM_WEIGHT, 0.5)
                .with(PretrainerConfig.SIMCSE_WEIGHT, 0.25).with(PretrainerConfig.NEGATIVES, 4)
                .with(PretrainerConfig.SAMPLER, "training").with(PretrainerConfig.JITTER_KM, 20.0)
                .with(PretrainerConfig.LEARNABLE_TEMPERATURE, true).with(PretrainerConfig.QUEUE_SIZE, 128)
                .with(PretrainerConfig.FALSE_NEGATIVE_KM, 5.0).with(PretrainerConfig.EMBEDDING_RESCALE, false)
                .with(t.optimizer, "adamw")
                .with(t.learningRate, 0.01).with(t.schedule, "cosine").with(t.warmupSteps, 100)
                .with(t.minLearningRate, 0.001).with(t.weightDecay, 0.05).with(t.epochs, 3).with(t.batchSize, 64)
                .with(t.clipNorm, 1.0).with(t.validationFraction, 0.2).with(t.patience, 2)
                .with(t.rowSampling, "balanced").with(t.maxPerClass, 10).with(t.seed, 99L).with(t.device, "cpu")
                .with(t.checkpointFolder, "/tmp/x");
        PretrainSettings s = new PretrainerConfig(v).toCore(DeviceChoice.AUTO);
        assertEquals(new PretrainSettings(Objective.CONTSOFTMAXSYM, 10, 2, 3, 0.5, 0.25, 4, Samplers.Kind.TRAINING,
                20, true, 128, 5, false, new TrainerSettings(TrainerSettings.OptimizerKind.ADAMW,
                        LearningRateSchedule.cosine(0.01, 100, 0.001), 0.05, 3, 64, 1.0, 0.2, 2,
                        TrainerSettings.RowSampling.CLASS_BALANCED, 10, 99, DeviceChoice.CPU, Path.of("/tmp/x"))), s);
    }

    @Test
    void fineTuningSettingsReachCore() {
        SettingValues v = FineTunerConfig.defaults().values().with(FineTunerConfig.LOSS, "softmax")
                .with(FineTunerConfig.RANDOM_WEIGHT, 0.0).with(FineTunerConfig.SAMPLER, "sphericalold")
                .with(FineTunerConfig.LABEL_RATIO, 0.05).with(FineTunerConfig.FREEZE, "location encoder")
                .with(FineTunerConfig.TRAINER.schedule, "exponential").with(FineTunerConfig.TRAINER.decay, 0.9);
        FineTuneSettings s = new FineTunerConfig(v).toCore(DeviceChoice.CPU);
        assertEquals(FineTuneSettings.LossKind.SOFTMAX, s.loss());
        assertEquals(Samplers.Kind.SPHERICAL_OLD, s.sampler());
        assertEquals(0.05, s.labelRatio());
        assertEquals(FreezeMode.LOCATION_ENCODER, s.freeze());
        assertEquals(LearningRateSchedule.exponential(0.001, 0.9), s.trainer().schedule());
        assertEquals(0.0, s.randomWeight());
    }

    @Test
    void badDeviceIsNamed() {
        SettingValues v = FineTunerConfig.defaults().values().with(FineTunerConfig.TRAINER.device, "tpu");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new FineTunerConfig(v).toCore(DeviceChoice.AUTO));
        assertTrue(e.getMessage().contains("setting 'Device'"), e.getMessage());
    }

    @Test
    void runtimePreferencesConvertAndValidate() {
        RuntimePreferences p = new RuntimePreferences("gpu1", "/opt/libtorch/lib", "/data/cache", 2);
        assertEquals(List.of(), p.problems());
        assertEquals("gpu1", p.toEngineOptions().device());
        assertEquals(Path.of("/opt/libtorch/lib"), p.toEngineOptions().libtorchDir());
        assertEquals(Path.of("/data/cache"), p.toEngineOptions().cacheDir());
        assertEquals(2, p.toEngineOptions().intraOpThreads());
        assertTrue(p.toEngineOptions().offline());
        RuntimePreferences d = RuntimePreferences.defaults();
        assertNull(d.toEngineOptions().cacheDir());
        assertEquals("auto", d.toEngineOptions().device());
        List<String> bad = new RuntimePreferences("fast", "", "", -1).problems();
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("preference 'Device'"));
    }

    @Test
    void theReferencePresetTakesThePapersSettingsWhateverTheDialogHolds() {
        TrainerConfig t = PretrainerConfig.TRAINER;
        SettingValues dialog = PretrainerConfig.defaults().values().with(t.epochs, 7).with(t.patience, 3)
                .with(PretrainerConfig.EMBEDDING_RESCALE, true).with(PretrainerConfig.TAU_IN_BATCH, 0.5);
        PretrainSettings own = new PretrainerConfig(dialog).toCore(DeviceChoice.CPU);
        assertEquals(List.of(7, 3), List.of(own.trainer().epochs(), own.trainer().patience()));
        assertEquals(Samplers.Kind.AREA_UNIFORM, own.sampler());
        PretrainSettings ref = new PretrainerConfig(dialog.with(PretrainerConfig.PRESET, "reference"))
                .toCore(DeviceChoice.CPU);
        assertEquals(List.of(30, 0), List.of(ref.trainer().epochs(), ref.trainer().patience()));
        assertEquals(Samplers.Kind.SPHERICAL_OLD, ref.sampler());
        assertEquals(false, ref.embeddingRescale());
        assertEquals(0.5, ref.tauInBatch(), "settings the preset does not name stay the dialog's");

        TrainerConfig ft = FineTunerConfig.TRAINER;
        SettingValues fd = FineTunerConfig.defaults().values().with(ft.epochs, 9).with(FineTunerConfig.LABEL_RATIO, 0.2);
        FineTuneSettings fref = new FineTunerConfig(fd.with(FineTunerConfig.PRESET, "reference")).toCore(DeviceChoice.CPU);
        assertEquals(List.of(30, 0), List.of(fref.trainer().epochs(), fref.trainer().patience()));
        assertEquals(Samplers.Kind.SPHERICAL_OLD, fref.sampler());
        assertEquals(0.2, fref.labelRatio());
        FineTuneSettings fown = new FineTunerConfig(fd).toCore(DeviceChoice.AUTO);
        assertEquals(FineTuneSettings.defaults(9).withLabelRatio(0.2), fown);
    }
}
