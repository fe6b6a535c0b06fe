package org.geocsp.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training history a model carries in its {@link Provenance} (one list of epoch statistics per
 * stage, written by core's trainers) as a table: one row per epoch, one column per statistic
 * (nested objects flattened to "a.b"), in order of first appearance.
 */
public final class TrainingHistory {

    /** The stages that record a history, in training order. */
    public static final List<ModelStage> STAGES = List.of(ModelStage.PRETRAINED, ModelStage.FINETUNED);

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** The table: column names and rows of Double, Boolean and String values (null where absent). */
    public record Table(List<String> columns, List<Object[]> rows) {}

    private TrainingHistory() {}

    /** The history of one stage from {@link #STAGES}, one row per epoch; empty if the model has none. */
    public static Table of(ModelSpec spec, ModelStage stage) {
        Provenance p = spec.provenance();
        if (stage == ModelStage.PRETRAINED && p.pretraining() != null) {
            return of(p.pretraining().history());
        }
        if (stage == ModelStage.FINETUNED && p.fineTuning() != null) {
            return of(p.fineTuning().history());
        }
        return new Table(List.of(), List.of());
    }

    /** The given epochs as a table. */
    public static Table of(List<EpochStats> history) {
        JsonArray a = GSON.toJsonTree(history).getAsJsonArray();
        Map<String, Integer> cols = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonElement el : a) {
            if (!el.isJsonObject()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            flatten("", el.getAsJsonObject(), row);
            for (String k : row.keySet()) {
                cols.putIfAbsent(k, cols.size());
            }
            rows.add(row);
        }
        List<String> names = new ArrayList<>(cols.keySet());
        List<Object[]> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object[] r = new Object[names.size()];
            for (int i = 0; i < names.size(); i++) {
                r[i] = row.get(names.get(i));
            }
            out.add(r);
        }
        return new Table(names, out);
    }

    private static void flatten(String prefix, JsonObject o, Map<String, Object> out) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            JsonElement v = e.getValue();
            String k = prefix + e.getKey();
            if (v.isJsonObject()) {
                flatten(k + ".", v.getAsJsonObject(), out);
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                out.put(k, v.getAsDouble());
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
                out.put(k, v.getAsBoolean());
            } else if (v.isJsonPrimitive()) {
                String t = v.getAsString();
                out.put(k, t.equals("NaN") ? Double.NaN : t);
            }
        }
    }
}
