package org.geocsp.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.loss.Objective;

/**
 * Reads the training facts that model files of format version 1 carried as string metadata keys
 * ({@code pretrain.objective}, {@code finetune.loss}, ...) into the typed {@link Provenance}.
 * The only place those keys are spelled; an entry that cannot be read stays in the metadata.
 */
final class LegacyMetadata {

    private static final String PRE = "pretrain.";
    private static final String FINE = "finetune.";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private LegacyMetadata() {}

    /** The spec with the version-1 training keys moved into its provenance. */
    static ModelSpec upgrade(ModelSpec spec) {
        Map<String, String> rest = new LinkedHashMap<>(spec.metadata());
        Provenance p = spec.provenance();
        PretrainingRecord pre = pretraining(rest);
        if (pre != null) {
            p = p.withPretraining(pre);
        }
        FineTuningRecord fine = fineTuning(rest);
        if (fine != null) {
            p = p.withFineTuning(fine);
        }
        return spec.withProvenance(p).withMetadata(rest);
    }

    private static PretrainingRecord pretraining(Map<String, String> m) {
        String objective = m.get(PRE + "objective");
        if (objective == null) {
            return null;
        }
        Objective o;
        try {
            o = Objective.parse(objective);
        } catch (RuntimeException e) {
            return null;
        }
        List<EpochStats> history = history(m, PRE + "history");
        Integer kept = integer(m, PRE + "kept_epoch");
        m.remove(PRE + "objective");
        return new PretrainingRecord(o, m.remove(PRE + "status"), kept == null ? 0 : kept, history);
    }

    private static FineTuningRecord fineTuning(Map<String, String> m) {
        String loss = m.get(FINE + "loss");
        if (loss == null) {
            return null;
        }
        String canonical = loss.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        if (!canonical.equals(FineTuningRecord.SOFTMAX) && !canonical.equals(FineTuningRecord.PRESENCE_ABSENCE)) {
            return null;
        }
        m.remove(FINE + "loss");
        Double ratio = number(m, FINE + "label_ratio");
        Integer rows = integer(m, FINE + "labelled_rows");
        String classifier = m.remove(FINE + "image_classifier");
        String temperature = m.remove(FINE + "image_temperature");
        Double t = null;
        try {
            t = temperature == null ? null : Double.valueOf(temperature);
        } catch (NumberFormatException e) {
            t = null; // "not calibrated (no validation rows)": the typed form says so with null
        }
        List<EpochStats> history = history(m, FINE + "history");
        Integer kept = integer(m, FINE + "kept_epoch");
        return new FineTuningRecord(canonical, ratio == null ? 1 : ratio, rows == null ? 0 : rows,
                Boolean.parseBoolean(classifier), t, m.remove(FINE + "status"), kept == null ? 0 : kept, history);
    }

    private static Integer integer(Map<String, String> m, String key) {
        try {
            Integer v = m.containsKey(key) ? Integer.valueOf(m.get(key).strip()) : null;
            m.remove(key);
            return v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double number(Map<String, String> m, String key) {
        try {
            Double v = m.containsKey(key) ? Double.valueOf(m.get(key).strip()) : null;
            m.remove(key);
            return v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The history of one stage; an unreadable history stays in the metadata (empty list here). */
    @SuppressWarnings("deprecation") // setLenient: setStrictness is missing from the older Gson bundles of KNIME
    private static List<EpochStats> history(Map<String, String> m, String key) {
        String json = m.get(key);
        if (json == null) {
            return List.of();
        }
        try {
            JsonReader r = new JsonReader(new StringReader(json));
            r.setLenient(true); // NaN for epochs without validation
            List<EpochStats> h = GSON.fromJson(r, new TypeToken<List<EpochStats>>() {}.getType());
            m.remove(key);
            return h == null ? List.of() : h;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
