package org.geocsp.knime.config;

/**
 * A typed key/value store for node settings. In KNIME it is backed by {@code NodeSettingsRO/WO}
 * (so keys and value types are exactly those the dialog's settings models write); in tests by
 * {@link MapConfigStore}. Getters throw when the key is absent or holds another type.
 */
public interface ConfigStore {

    boolean containsKey(String key);

    /** A string value; a stored null (e.g. a column selection of "none") reads as null. */
    String getString(String key) throws ConfigException;

    int getInt(String key) throws ConfigException;

    long getLong(String key) throws ConfigException;

    double getDouble(String key) throws ConfigException;

    boolean getBoolean(String key) throws ConfigException;

    void putString(String key, String value);

    void putInt(String key, int value);

    void putLong(String key, long value);

    void putDouble(String key, double value);

    void putBoolean(String key, boolean value);

    /** Adds a sub-config (as KNIME's {@code addConfig}/{@code addNodeSettings}) and returns it for writing. */
    ConfigStore addConfig(String key);

    /** The sub-config under {@code key}, or null when there is none (or the key holds a value). */
    ConfigStore getConfig(String key);
}
