package org.geocsp.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training history a model carries in its metadata (one JSON array of epoch statistics per
 * stage, written by core's trainers) as a table: one row per epoch, one column per statistic
 * (nested objects flattened to "a.b"), in order of first appearance.
 */
public final class TrainingHistory {

    /** Metadata keys of the training histories. */
    public static final List<String> KEYS = List.of("pretrain.history", "finetune.history");

    /** The table: column names and rows of Double, Boolean and String values (null where absent). */
    public record Table(List<String> columns, List<Object[]> rows) {}

    private TrainingHistory() {}

    /**
     * The training history of one stage (metadata key from {@link #KEYS}), one row per
     * epoch; empty if the model has none.
     */
    @SuppressWarnings("deprecation") // setLenient: setStrictness is missing from the older Gson bundles of KNIME
    public static Table of(ModelSpec spec, String key) {
        String json = spec.metadata().get(key);
        if (json == null || json.isBlank()) {
            return new Table(List.of(), List.of());
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setLenient(true); // NaN for epochs without validation
        JsonElement root = JsonParser.parseReader(reader);
        if (!root.isJsonArray()) {
            return new Table(List.of(), List.of());
        }
        JsonArray a = root.getAsJsonArray();
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
