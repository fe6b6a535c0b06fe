package org.geocsp.knime.util;

import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/** A {@link ConfigStore} over KNIME node settings (read-only, write-only, or both). */
public final class KnimeConfigStore implements ConfigStore {

    private final NodeSettingsRO m_in;
    private final NodeSettingsWO m_out;

    private KnimeConfigStore(final NodeSettingsRO in, final NodeSettingsWO out) {
        m_in = in;
        m_out = out;
    }

    /** A store that reads from {@code settings}. */
    public static KnimeConfigStore reading(final NodeSettingsRO settings) {
        return new KnimeConfigStore(settings, null);
    }

    /** A store that writes to {@code settings}. */
    public static KnimeConfigStore writing(final NodeSettingsWO settings) {
        return new KnimeConfigStore(null, settings);
    }

    private NodeSettingsRO in() {
        if (m_in == null) {
            throw new IllegalStateException("this settings store is write-only");
        }
        return m_in;
    }

    private NodeSettingsWO out() {
        if (m_out == null) {
            throw new IllegalStateException("this settings store is read-only");
        }
        return m_out;
    }

    @Override
    public boolean containsKey(final String key) {
        return in().containsKey(key);
    }

    @Override
    public String getString(final String key) throws ConfigException {
        try {
            return in().getString(key);
        } catch (InvalidSettingsException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public int getInt(final String key) throws ConfigException {
        try {
            return in().getInt(key);
        } catch (InvalidSettingsException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public long getLong(final String key) throws ConfigException {
        try {
            return in().getLong(key);
        } catch (InvalidSettingsException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public double getDouble(final String key) throws ConfigException {
        try {
            return in().getDouble(key);
        } catch (InvalidSettingsException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public boolean getBoolean(final String key) throws ConfigException {
        try {
            return in().getBoolean(key);
        } catch (InvalidSettingsException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public void putString(final String key, final String value) {
        out().addString(key, value);
    }

    @Override
    public void putInt(final String key, final int value) {
        out().addInt(key, value);
    }

    @Override
    public void putLong(final String key, final long value) {
        out().addLong(key, value);
    }

    @Override
    public void putDouble(final String key, final double value) {
        out().addDouble(key, value);
    }

    @Override
    public void putBoolean(final String key, final boolean value) {
        out().addBoolean(key, value);
    }

    @Override
    public ConfigStore addConfig(final String key) {
        return writing(out().addNodeSettings(key));
    }

    @Override
    public ConfigStore getConfig(final String key) {
        try {
            return in().containsKey(key) ? reading(in().getNodeSettings(key)) : null;
        } catch (InvalidSettingsException e) {
            return null; // a value, not a config
        }
    }
}
