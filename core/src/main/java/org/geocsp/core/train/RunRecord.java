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
import java.util.Map;
import java.util.Set;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackParams;
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

    /** Declarations a resumed run may change: it may train longer. */
    private static final Set<Param> MAY_DIFFER = Set.of(TrainerParams.EPOCHS);

    /** The description of a pre-training run. */
    public static Map<String, String> of(PretrainSettings s, GeoDataset data, ModelSpec model) {
        return of("pre-training", s.values(), s.trainer(), data, model);
    }

    /** The description of a fine-tuning run. */
    public static Map<String, String> of(FineTuneSettings s, GeoDataset data, ModelSpec model) {
        return of("fine-tuning", s.values(), s.trainer(), data, model);
    }

    /** The task's settings and the trainer's, each under its declaration key, then data and model. */
    private static Map<String, String> of(String task, Map<Param, Object> settings, TrainerSettings trainer,
            GeoDataset data, ModelSpec model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task);
        Map<Param, Object> all = new LinkedHashMap<>(settings);
        all.putAll(trainer.values());
        all.forEach((p, v) -> {
            if (!MAY_DIFFER.contains(p)) {
                put(m, p, v);
            }
        });
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
        m.put("encoder", spec.encoder().name());
        spec.encoder().values().forEach((p, v) -> put(m, p, v));
        spec.stack().values().forEach((p, v) -> put(m, p, v));
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
