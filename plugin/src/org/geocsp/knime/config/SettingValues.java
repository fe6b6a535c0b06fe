package org.geocsp.knime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The values of a node's settings, one per {@link Setting}, with loading, saving and range checks.
 * Immutable; equal when the settings and all values are equal.
 */
public final class SettingValues {

    private final List<Setting> settings;
    private final Map<String, Object> values;

    private SettingValues(List<Setting> settings, Map<String, Object> values) {
        this.settings = settings;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every setting at its default. */
    public static SettingValues defaults(List<Setting> settings) {
        checkUniqueKeys(settings);
        Map<String, Object> v = new LinkedHashMap<>();
        for (Setting s : settings) {
            v.put(s.key(), s.defaultValue() == null ? "" : s.defaultValue());
        }
        return new SettingValues(List.copyOf(settings), v);
    }

    /**
     * Reads every setting from the store: the value under each setting's key, whether saved with the
     * settings models' internals configs or flat (earlier versions); a null string reads as empty.
     *
     * @throws ConfigException listing every setting that is missing or of the wrong type
     */
    public static SettingValues load(List<Setting> settings, ConfigStore store) throws ConfigException {
        return load(settings, store, List.of());
    }

    /**
     * Reads every setting; the settings in {@code addedLater} (added in a later GeoCSP version)
     * take their default when the store lacks them, so that workflows saved before still load.
     */
    public static SettingValues load(List<Setting> settings, ConfigStore store, java.util.Collection<Setting> addedLater)
            throws ConfigException {
        checkUniqueKeys(settings);
        Map<String, Object> v = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting s : settings) {
            if (!store.containsKey(s.key())) {
                if (addedLater.contains(s)) {
                    v.put(s.key(), s.defaultValue());
                } else {
                    problems.add("setting '" + s.label() + "' (key " + s.key() + ") is missing");
                }
                continue;
            }
            try {
                Object value = switch (s.type()) {
                    case STRING, CHOICE, COLUMN -> {
                        String t = store.getString(s.key());
                        yield t == null ? "" : t;
                    }
                    case INT -> store.getInt(s.key());
                    case LONG -> store.getLong(s.key());
                    case DOUBLE -> store.getDouble(s.key());
                    case BOOLEAN -> store.getBoolean(s.key());
                };
                v.put(s.key(), value);
            } catch (ConfigException e) {
                problems.add("setting '" + s.label() + "' (key " + s.key() + ") cannot be read: " + e.getMessage());
            }
        }
        problems.addAll(SettingModels.internalsProblems(settings, store));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SettingValues(List.copyOf(settings), v);
    }

    /**
     * Writes every setting to the store as its KNIME settings model writes it (see
     * {@link SettingModels}): the node model and the dialog save the same keys and values.
     */
    public void save(ConfigStore store) {
        SettingModels.save(this, store);
    }

    /** The settings these values are for. */
    public List<Setting> settings() {
        return settings;
    }

    /** These values with one changed. */
    public SettingValues with(Setting s, Object value) {
        Setting own = find(s.key());
        Objects.requireNonNull(value, "value");
        if (!Setting.javaType(own.type()).isInstance(value)) {
            throw new IllegalArgumentException("setting '" + own.key() + "' takes a "
                    + Setting.javaType(own.type()).getSimpleName() + ", got " + value.getClass().getSimpleName());
        }
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put(own.key(), value);
        return new SettingValues(settings, v);
    }

    private Setting find(String key) {
        for (Setting s : settings) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no setting with key '" + key + "'");
    }

    public Object get(Setting s) {
        return values.get(find(s.key()).key());
    }

    public String getString(Setting s) {
        return (String) get(s);
    }

    public int getInt(Setting s) {
        return (Integer) get(s);
    }

    public long getLong(Setting s) {
        return (Long) get(s);
    }

    public double getDouble(Setting s) {
        return (Double) get(s);
    }

    public boolean getBoolean(Setting s) {
        return (Boolean) get(s);
    }

    /** A choice value in the spelling of the choice list (the stored value may differ in case). */
    public String getChoice(Setting s) {
        String v = getString(s);
        for (String c : s.choices()) {
            if (c.equalsIgnoreCase(v.trim())) {
                return c;
            }
        }
        return v;
    }

    /**
     * Problems of single values: numbers outside their bounds or not finite, choices not in their
     * list. Each message names the setting by its dialog label.
     */
    public List<String> rangeProblems() {
        List<String> p = new ArrayList<>();
        for (Setting s : settings) {
            Object v = values.get(s.key());
            switch (s.type()) {
                case INT, LONG -> {
                    long x = ((Number) v).longValue();
                    if (x < s.min() || x > s.max()) {
                        p.add(String.format(Locale.ROOT, "setting '%s' must be between %s and %s, got %d", s.label(),
                                fmt(s.min()), fmt(s.max()), x));
                    }
                }
                case DOUBLE -> {
                    double x = (Double) v;
                    if (!(x >= s.min() && x <= s.max())) {
                        p.add(String.format(Locale.ROOT, "setting '%s' must be between %s and %s, got %s", s.label(),
                                fmt(s.min()), fmt(s.max()), x));
                    }
                }
                case CHOICE -> {
                    String x = ((String) v).trim();
                    if (s.choices().stream().noneMatch(c -> c.equalsIgnoreCase(x))) {
                        p.add("setting '" + s.label() + "' has the value '" + v + "'; valid values: "
                                + String.join(", ", s.choices()));
                    }
                }
                default -> {
                    // strings and booleans: checked by the node's own rules
                }
            }
        }
        return p;
    }

    private static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static void checkUniqueKeys(List<Setting> settings) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Setting s : settings) {
            if (!keys.add(s.key())) {
                throw new IllegalArgumentException("duplicate setting key '" + s.key() + "'");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingValues other && other.settings.equals(settings) && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
