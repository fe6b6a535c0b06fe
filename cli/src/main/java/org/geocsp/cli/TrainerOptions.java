package org.geocsp.cli;

import java.nio.file.Path;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.settings.Problems;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerParams;
import org.geocsp.core.train.TrainerSettings;
import picocli.CommandLine.Option;

/** The optimisation options shared by {@code pretrain} and {@code finetune}. */
final class TrainerOptions {

    @Option(names = "--epochs", paramLabel = "N")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B")
    int batchSize;

    @Option(names = "--lr", paramLabel = "LR")
    Double lr;

    @Option(names = "--schedule", paramLabel = "S")
    String schedule;

    @Option(names = "--lr-decay", paramLabel = "F")
    double lrDecay;

    @Option(names = "--warmup-steps", paramLabel = "N")
    long warmupSteps;

    @Option(names = "--optimizer", paramLabel = "O")
    String optimizer;

    @Option(names = "--weight-decay", paramLabel = "W")
    double weightDecay;

    @Option(names = "--clip-norm", paramLabel = "C")
    double clipNorm;

    @Option(names = "--validation-fraction", paramLabel = "F")
    double validationFraction;

    @Option(names = "--patience", paramLabel = "N")
    int patience;

    @Option(names = "--row-sampling", paramLabel = "S")
    String rowSampling;

    @Option(names = "--max-per-class", paramLabel = "N")
    int maxPerClass;

    @Option(names = "--seed", paramLabel = "S")
    long seed;

    @Option(names = "--device", paramLabel = "D")
    String device;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint after every epoch into DIR.")
    Path checkpointDir;

    /**
     * Core's trainer settings from the options (defaults: the command's declarations, see
     * {@link DeclaredOptions}); every problem at once.
     */
    TrainerSettings settings() {
        Problems p = new Problems();
        LearningRateSchedule s = p.collect(TrainerParams.SCHEDULE, () -> LearningRateSchedule.of(
                LearningRateSchedule.Kind.parse(schedule), lr, lrDecay, warmupSteps, 0));
        TrainerSettings.OptimizerKind o = p.collect(TrainerParams.OPTIMIZER, () -> TrainerSettings.OptimizerKind.parse(optimizer));
        TrainerSettings.RowSampling rs = p.collect(TrainerParams.ROW_SAMPLING, () -> TrainerSettings.RowSampling.parse(rowSampling));
        DeviceChoice d = p.collect(TrainerParams.DEVICE, () -> DeviceChoice.parse(device));
        TrainerSettings t = p.collect(() -> new TrainerSettings(o == null ? TrainerSettings.OptimizerKind.ADAM : o,
                s == null ? LearningRateSchedule.constant(1) : s, weightDecay, epochs, batchSize, clipNorm,
                validationFraction, patience, rs == null ? TrainerSettings.RowSampling.UNIFORM : rs, maxPerClass, seed,
                d == null ? DeviceChoice.CPU : d, checkpointDir));
        p.throwIfAny();
        return t;
    }
}
