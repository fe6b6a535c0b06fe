package org.geocsp.core.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackParams;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.Problems;

/**
 * What a checkpointed run was started with: its settings (by declaration key), its data (row
 * count, widths and a checksum of the coordinates and labels) and its model (encoder and stack).
 * Written beside the checkpoints ({@value #FILE}); a resume compares the same description of its
 * own settings and data and refuses every difference, naming the setting with both values.
 * Epochs may differ (a resumed run may train longer); the device and the checkpoint folder too.
 */
public final class RunRecord {

    /** The file in the checkpoint folder. */
    public static final String FILE = "run.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Map<String, Param> PARAMS = new LinkedHashMap<>();

    static {
        List<Param> all = new ArrayList<>(PretrainParams.ALL);
        all.addAll(FineTuneParams.ALL);
        all.addAll(TrainerParams.PRETRAINING.all());
        all.addAll(EncoderParams.ALL);
        all.addAll(StackParams.ALL);
        for (Param p : all) {
            PARAMS.putIfAbsent(p.key(), p);
        }
    }

    private RunRecord() {
    }

    /** The description of a pre-training run. */
    public static Map<String, String> of(PretrainSettings s, GeoDataset data, ModelSpec model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", "pre-training");
        m.put(PretrainParams.OBJECTIVE.key(), s.objective().referenceName());
        put(m, PretrainParams.TAU_IN_BATCH, s.tauInBatch());
        put(m, PretrainParams.TAU_RANDOM, s.tauRandom());
        put(m, PretrainParams.TAU_SIMCSE, s.tauSimcse());
        put(m, PretrainParams.RANDOM_WEIGHT, s.randomWeight());
        put(m, PretrainParams.SIMCSE_WEIGHT, s.simcseWeight());
        put(m, PretrainParams.NEGATIVES, s.negativesPerRow());
        m.put(PretrainParams.SAMPLER.key(), s.sampler().canonicalName());
        put(m, PretrainParams.JITTER_KM, s.samplerJitterKm());
        put(m, PretrainParams.LEARNABLE_TEMPERATURE, s.learnableTemperature());
        put(m, PretrainParams.QUEUE_SIZE, s.queueSize());
        put(m, PretrainParams.FALSE_NEGATIVE_KM, s.falseNegativeKm());
        put(m, PretrainParams.EMBEDDING_RESCALE, s.embeddingRescale());
        trainer(m, s.trainer());
        data(m, data);
        model(m, model);
        return m;
    }

    /** The description of a fine-tuning run. */
    public static Map<String, String> of(FineTuneSettings s, GeoDataset data, ModelSpec model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", "fine-tuning");
        m.put(FineTuneParams.LOSS.key(), s.loss().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        put(m, FineTuneParams.RANDOM_WEIGHT, s.randomWeight());
        m.put(FineTuneParams.SAMPLER.key(), s.sampler().canonicalName());
        put(m, FineTuneParams.LABEL_RATIO, s.labelRatio());
        m.put(FineTuneParams.FREEZE.key(), s.freeze().choiceName());
        put(m, FineTuneParams.IMAGE_CLASSIFIER, s.imageClassifier());
        trainer(m, s.trainer());
        data(m, data);
        model(m, model);
        return m;
    }

    /** The encoder and stack of a model spec, by declaration key. */
    public static Map<String, String> model(ModelSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        model(m, spec);
        return m;
    }

    private static void trainer(Map<String, String> m, TrainerSettings t) {
        m.put(TrainerParams.OPTIMIZER.key(), t.optimizer().name().toLowerCase(Locale.ROOT));
        LearningRateSchedule s = t.schedule();
        m.put(TrainerParams.SCHEDULE.key(), s.kind().name().toLowerCase(Locale.ROOT));
        put(m, TrainerParams.LEARNING_RATE, s.baseLr());
        put(m, TrainerParams.LR_DECAY, s.decay());
        put(m, TrainerParams.WARMUP_STEPS, s.warmupSteps());
        put(m, TrainerParams.MIN_LEARNING_RATE, s.minLr());
        put(m, TrainerParams.WEIGHT_DECAY, t.weightDecay());
        put(m, TrainerParams.BATCH_SIZE, t.batchSize());
        put(m, TrainerParams.CLIP_NORM, t.gradientClipNorm());
        put(m, TrainerParams.VALIDATION_FRACTION, t.validationFraction());
        put(m, TrainerParams.PATIENCE, t.patience());
        m.put(TrainerParams.ROW_SAMPLING.key(), t.rowSampling().name().toLowerCase(Locale.ROOT));
        put(m, TrainerParams.MAX_PER_CLASS, t.maxPerClass());
        put(m, TrainerParams.SEED, t.seed());
    }

    private static void data(Map<String, String> m, GeoDataset d) {
        m.put("data rows", Integer.toString(d.size()));
        m.put("data embedding width", Integer.toString(d.hasFeatures() ? d.featureDim() : 0));
        m.put("data classes", Integer.toString(d.hasLabels() ? d.numClasses() : 0));
        long h = 1125899906842597L;
        for (int i = 0; i < d.size(); i++) {
            h = 31 * h + Double.doubleToLongBits(d.lonDeg(i));
            h = 31 * h + Double.doubleToLongBits(d.latDeg(i));
            if (d.hasLabels()) {
                h = 31 * h + d.label(i);
            }
        }
        if (d.hasLabels()) {
            h = 31 * h + d.labelNames().hashCode();
        }
        m.put("data checksum", Long.toHexString(h));
    }

    private static void model(Map<String, String> m, ModelSpec spec) {
        EncoderSpec e = spec.encoder();
        m.put("encoder", e.name());
        put(m, EncoderParams.FREQUENCY_NUM, e.frequencyNum());
        put(m, EncoderParams.MIN_RADIUS, e.minRadius());
        put(m, EncoderParams.MAX_RADIUS, e.maxRadius());
        m.put(EncoderParams.FREQ_INIT.key(), e.freqInit().name().toLowerCase(Locale.ROOT));
        put(m, EncoderParams.LEGENDRE_POLYS, e.legendrePolys());
        put(m, EncoderParams.KERNEL_SIZE, e.kernelSize());
        put(m, EncoderParams.NUM_ANCHORS, e.numAnchors());
        put(m, EncoderParams.TILE_SIZE, e.tileSizeDeg());
        m.put(EncoderParams.SH_CONVENTION.key(), e.shConvention().name().toLowerCase(Locale.ROOT));
        put(m, EncoderParams.ENCODER_SEED, e.seed());
        StackSpec s = spec.stack();
        m.put(StackParams.KIND.key(), s.kind().name().toLowerCase(Locale.ROOT));
        put(m, StackParams.HIDDEN_LAYERS, s.hiddenLayers());
        put(m, StackParams.HIDDEN_DIM, s.hiddenDim());
        put(m, StackParams.EMBEDDING_DIM, s.outputDim());
        m.put(StackParams.ACTIVATION.key(), s.activation() == null ? "none" : s.activation().referenceName());
        put(m, StackParams.DROPOUT, s.dropout());
        put(m, StackParams.LAYER_NORM, s.layerNorm());
        put(m, StackParams.SKIP, s.skipConnection());
        put(m, StackParams.SIREN_W0_INITIAL, s.sirenW0Initial());
        put(m, StackParams.SIREN_W0, s.sirenW0());
    }

    private static void put(Map<String, String> m, Param p, Object v) {
        m.put(p.key(), Param.format(v));
    }

    /** Writes the description of a run into its checkpoint folder. */
    static void write(Path dir, Map<String, String> run) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(FILE), os -> {
            Writer out = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            GSON.toJson(run, out);
            out.flush();
        });
    }

    /** The description stored in a checkpoint folder, or null for checkpoints written before it existed. */
    public static Map<String, String> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return GSON.fromJson(r, new TypeToken<LinkedHashMap<String, String>>() { }.getType());
        }
    }

    /**
     * Refuses a resume whose settings, data or model differ from the checkpointed run's. Only the
     * entries present in both descriptions are compared, so that a front end can check the
     * options it was given (e.g. {@code hidden_dim}) before it reads any data.
     *
     * @throws org.geocsp.core.settings.InvalidSettingsException naming every difference with both values
     * @throws IOException if the stored description cannot be read
     */
    public static void check(Path dir, Map<String, String> resumed) throws IOException {
        Map<String, String> stored = read(dir);
        if (stored == null) {
            return;
        }
        Problems p = new Problems();
        for (Map.Entry<String, String> e : resumed.entrySet()) {
            String was = stored.get(e.getKey());
            if (was != null && !was.equals(e.getValue())) {
                Param param = PARAMS.get(e.getKey());
                String name = param != null ? param.label() : e.getKey();
                p.add(param, name + " is " + e.getValue() + " but the run in " + dir + " was started with " + was
                        + (e.getKey().startsWith("data ") ? " (resume with the same data)" : ""));
            }
        }
        p.throwIfAny();
    }
}
