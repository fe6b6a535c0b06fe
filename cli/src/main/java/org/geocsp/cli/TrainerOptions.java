package org.geocsp.cli;

import java.nio.file.Path;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerSettings;
import picocli.CommandLine.Option;

/** The optimisation options shared by {@code pretrain} and {@code finetune}. */
final class TrainerOptions {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).", defaultValue = "30")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Rows per step (default ${DEFAULT-VALUE}).", defaultValue = "1024")
    int batchSize;

    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: 0.0005 pretrain, 0.001 finetune).")
    Double lr;

    @Option(names = "--schedule", paramLabel = "S", description = "constant, exponential or cosine (default: constant pretrain, exponential finetune).")
    String schedule;

    @Option(names = "--lr-decay", paramLabel = "F", description = "Per-epoch factor of the exponential schedule (default ${DEFAULT-VALUE}).", defaultValue = "0.98")
    double lrDecay;

    @Option(names = "--warmup-steps", paramLabel = "N", description = "Linear warm-up steps of the cosine schedule (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long warmupSteps;

    @Option(names = "--optimizer", paramLabel = "O", description = "adam or adamw (default ${DEFAULT-VALUE}).", defaultValue = "adam")
    String optimizer;

    @Option(names = "--weight-decay", paramLabel = "W", description = "Weight decay (default ${DEFAULT-VALUE}).", defaultValue = "0")
    double weightDecay;

    @Option(names = "--clip-norm", paramLabel = "C", description = "Clip the global gradient norm (0 = off, default ${DEFAULT-VALUE}).", defaultValue = "0")
    double clipNorm;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Rows held out for validation (default ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double validationFraction;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping after N epochs without improvement (0 = off, default ${DEFAULT-VALUE}).", defaultValue = "0")
    int patience;

    @Option(names = "--row-sampling", paramLabel = "S", description = "uniform or balanced (at most --max-per-class rows per class and epoch; needs labels) (default ${DEFAULT-VALUE}).", defaultValue = "uniform")
    String rowSampling;

    @Option(names = "--max-per-class", paramLabel = "N", description = "Cap of the balanced sampler (default ${DEFAULT-VALUE}).", defaultValue = "100")
    int maxPerClass;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the run (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--device", paramLabel = "D", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).", defaultValue = "auto")
    String device;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint after every epoch into DIR.")
    Path checkpointDir;

    TrainerSettings settings(double defaultLr, LearningRateSchedule.Kind defaultSchedule, long totalStepsHint) {
        double rate = lr != null ? lr : defaultLr;
        LearningRateSchedule.Kind kind = schedule != null ? LearningRateSchedule.Kind.parse(schedule) : defaultSchedule;
        LearningRateSchedule s = switch (kind) {
            case CONSTANT -> LearningRateSchedule.constant(rate);
            case EXPONENTIAL -> LearningRateSchedule.exponential(rate, lrDecay);
            case COSINE -> LearningRateSchedule.cosine(rate, warmupSteps, 0);
        };
        return new TrainerSettings(TrainerSettings.OptimizerKind.parse(optimizer), s, weightDecay, epochs, batchSize,
                clipNorm, validationFraction, patience, TrainerSettings.RowSampling.parse(rowSampling), maxPerClass,
                seed, DeviceChoice.parse(device), checkpointDir);
    }
}
