package org.geocsp.knime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ConfigStore} in memory that keeps each value's type, like KNIME's settings tree: reading
 * an int entry as a string fails as it would in KNIME. Sub-configs are nested stores. Two stores are
 * equal when they hold the same keys with equal values of the same types (in any order, as KNIME's
 * {@code ConfigBase.equals} compares settings).
 */
public final class MapConfigStore implements ConfigStore {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** The stored entries (key to boxed value), in insertion order. */
    public Map<String, Object> entries() {
        return Collections.unmodifiableMap(values);
    }

    /** Removes an entry; returns its value or null. */
    public Object remove(String key) {
        return values.remove(key);
    }

    /** Puts an entry of any type (for tests that seed wrong types). */
    public void putRaw(String key, Object value) {
        values.put(key, value);
    }

    @Override
    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    private <T> T get(String key, Class<T> type, String typeName) throws ConfigException {
        if (!values.containsKey(key)) {
            throw new ConfigException("setting '" + key + "' is missing");
        }
        Object v = values.get(key);
        if (v == null && type == String.class) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new ConfigException("setting '" + key + "' holds " + (v == null ? "nothing" : v.getClass().getSimpleName())
                    + ", expected " + typeName);
        }
        return type.cast(v);
    }

    @Override
    public String getString(String key) throws ConfigException {
        return get(key, String.class, "a string");
    }

    @Override
    public int getInt(String key) throws ConfigException {
        return get(key, Integer.class, "an integer");
    }

    @Override
    public long getLong(String key) throws ConfigException {
        return get(key, Long.class, "a long integer");
    }

    @Override
    public double getDouble(String key) throws ConfigException {
        return get(key, Double.class, "a number");
    }

    @Override
    public boolean getBoolean(String key) throws ConfigException {
        return get(key, Boolean.class, "a boolean");
    }

    @Override
    public void putString(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void putInt(String key, int value) {
        values.put(key, value);
    }

    @Override
    public void putLong(String key, long value) {
        values.put(key, value);
    }

    @Override
    public void putDouble(String key, double value) {
        values.put(key, value);
    }

    @Override
    public void putBoolean(String key, boolean value) {
        values.put(key, value);
    }

    @Override
    public MapConfigStore addConfig(String key) {
        MapConfigStore c = new MapConfigStore();
        values.put(key, c);
        return c;
    }

    @Override
    public MapConfigStore getConfig(String key) {
        return values.get(key) instanceof MapConfigStore c ? c : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapConfigStore other && other.values.equals(values);
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
