package org.geocsp.core.train;

import java.util.List;
import org.geocsp.core.settings.Param;

/**
 * The declarations of the optimisation settings ({@link TrainerSettings}) shared by pre-training
 * and fine-tuning. Two of them differ by task: {@link #PRETRAINING} and {@link #FINE_TUNING} carry
 * the learning rate and schedule defaults of each (the CSP scripts' 0.0005 constant and 0.001
 * decayed by 0.98 per epoch).
 */
public final class TrainerParams {

    public static final Param OPTIMIZER = Param.choice("optimizer", "Optimizer", "--optimizer",
            "adam (reference; weight decay as L2) or adamw (decoupled weight decay).", "adam", List.of("adam", "adamw"));
    public static final Param LEARNING_RATE = Param.real("learning_rate", "Learning rate", "--lr",
            "Peak learning rate.", 0.0005, 0, true, 100);
    public static final Param SCHEDULE = Param.choice("lr_schedule", "Learning-rate schedule", "--schedule",
            "constant, exponential (lr times decay^epoch) or cosine (after a linear warm-up).", "constant",
            List.of("constant", "exponential", "cosine"));
    public static final Param LR_DECAY = Param.real("lr_decay", "Decay per epoch", "--lr-decay",
            "Per-epoch factor of the exponential schedule.", 0.98, 0, true, 1);
    public static final Param WARMUP_STEPS = Param.integer("warmup_steps", "Warm-up steps", "--warmup-steps",
            "Linear warm-up steps of the cosine schedule.", 0, 0, Integer.MAX_VALUE);
    public static final Param MIN_LEARNING_RATE = Param.real("min_learning_rate", "Minimum learning rate", null,
            "Floor of the cosine schedule (at most the learning rate).", 0, 0, false, 100);
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", "Weight decay", "--weight-decay",
            "Weight decay (L2 for adam, decoupled for adamw).", 0, 0, false, 100);
    public static final Param EPOCHS = Param.integer("epochs", "Epochs", "--epochs", "Passes over the training rows.",
            30, 1, 1_000_000);
    public static final Param BATCH_SIZE = Param.integer("batch_size", "Batch size", "--batch-size",
            "Rows per step (contrastive losses need at least 2 for in-batch negatives).", 1024, 2, 10_000_000);
    public static final Param CLIP_NORM = Param.real("gradient_clip_norm", "Gradient clip norm", "--clip-norm",
            "Clip the global gradient norm to this value (0 = off).", 0, 0, false, 1e12);
    public static final Param VALIDATION_FRACTION = Param.real("validation_fraction", "Validation fraction",
            "--validation-fraction", "Share of rows held out for validation (0 = none).", 0.1, 0, false, 0.9);
    public static final Param PATIENCE = Param.integer("patience", "Early-stopping patience", "--patience",
            "Stop after this many epochs without a better validation metric, halving the learning rate after every"
                    + " ceil(N/2) of them (reduce-on-plateau); 0 = off.", 0, 0, 1_000_000);
    public static final Param ROW_SAMPLING = Param.choice("row_sampling", "Row sampling", "--row-sampling",
            "uniform, or balanced: at most the rows-per-class cap of each class per epoch (needs labels).", "uniform",
            List.of("uniform", "balanced"));
    public static final Param MAX_PER_CLASS = Param.integer("max_per_class", "Rows per class and epoch (balanced)",
            "--max-per-class", "Cap of the balanced row sampling.", 100, 1, Integer.MAX_VALUE);
    public static final Param SEED = Param.longInteger("seed", "Seed", "--seed",
            "Seed of everything random in the run (order, negatives, dropout, split).", 0L, Long.MIN_VALUE,
            Long.MAX_VALUE);
    public static final Param DEVICE = Param.choice("device", "Device", "--device", "auto, cpu or gpuN.", "auto",
            List.of("auto", "cpu", "gpu0", "gpu1", "gpu2", "gpu3", "gpu4", "gpu5", "gpu6", "gpu7"));

    /**
     * Pre-training: lr 0.0005, constant; stops after 10 epochs without a better validation
     * retrieval top-1, within 100 (the best epoch of the default recipe on the place-name task came
     * before epoch 10, see docs/quality-benchmark.md).
     */
    public static final TrainerParams PRETRAINING = new TrainerParams(LEARNING_RATE, SCHEDULE,
            EPOCHS.withDefault(100), PATIENCE.withDefault(10));
    /**
     * Fine-tuning: lr 0.001, exponential decay; stops after 50 epochs without a better validation
     * top-1 (halving the rate after every 25 of them), within 1,000: chosen on a validation split
     * (docs/quality-benchmark.md), where 30 fixed epochs ended while still improving.
     */
    public static final TrainerParams FINE_TUNING = new TrainerParams(LEARNING_RATE.withDefault(0.001),
            SCHEDULE.withDefault("exponential"), EPOCHS.withDefault(1000), PATIENCE.withDefault(50));

    /** The learning rate of this task (its default differs by task). */
    public final Param learningRate;
    /** The schedule of this task. */
    public final Param schedule;

    /** The maximum number of epochs of this task. */
    public final Param epochs;
    /** The early-stopping patience of this task. */
    public final Param patience;

    private TrainerParams(Param learningRate, Param schedule, Param epochs, Param patience) {
        this.learningRate = learningRate;
        this.schedule = schedule;
        this.epochs = epochs;
        this.patience = patience;
    }

    /** Every declaration in dialog order, with this task's defaults. */
    public List<Param> all() {
        return List.of(OPTIMIZER, learningRate, schedule, LR_DECAY, WARMUP_STEPS, MIN_LEARNING_RATE, WEIGHT_DECAY,
                epochs, BATCH_SIZE, CLIP_NORM, VALIDATION_FRACTION, patience, ROW_SAMPLING, MAX_PER_CLASS, SEED, DEVICE);
    }

    /** The schedule of the declared defaults. */
    public LearningRateSchedule defaultSchedule() {
        return LearningRateSchedule.of(LearningRateSchedule.Kind.parse(schedule.defaultString()),
                learningRate.defaultDouble(), LR_DECAY.defaultDouble(), WARMUP_STEPS.defaultInt(),
                MIN_LEARNING_RATE.defaultDouble());
    }

    /** The trainer settings of the declared defaults. */
    public TrainerSettings defaults() {
        return TrainerSettings.defaults(learningRate.defaultDouble()).withSchedule(defaultSchedule())
                .withEpochs(epochs.defaultInt())
                .withValidation(VALIDATION_FRACTION.defaultDouble(), patience.defaultInt());
    }
}
