package org.geocsp.knime.util;

import org.geocsp.knime.config.Setting;
import org.geocsp.knime.config.SettingModels;
import org.geocsp.knime.config.SettingValues;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The KNIME settings model of each {@link Setting} (class chosen by {@link SettingModels#kind}), used
 * by the node model to save its settings and by the dialog for its components, so both write the
 * same keys, internals configs and values.
 */
public final class SettingsModels {

    private SettingsModels() {}

    /** The settings model of a setting, holding {@code value}. */
    public static SettingsModel create(final Setting s, final Object value) {
        Object v = SettingModels.modelValue(s, value);
        return switch (SettingModels.kind(s)) {
            case STRING -> new SettingsModelString(s.key(), (String)v);
            case INTEGER -> new SettingsModelInteger(s.key(), (Integer)v);
            case LONG -> new SettingsModelLong(s.key(), (Long)v);
            case DOUBLE -> new SettingsModelDouble(s.key(), (Double)v);
            case BOOLEAN -> new SettingsModelBoolean(s.key(), (Boolean)v);
        };
    }

    /** The settings model of a setting at its default. */
    public static SettingsModel create(final Setting s) {
        return create(s, s.defaultValue());
    }

    /** Saves every value through its settings model ({@code SettingsModel#saveSettingsTo}). */
    public static void save(final SettingValues values, final NodeSettingsWO settings) {
        for (Setting s : values.settings()) {
            create(s, values.get(s)).saveSettingsTo(settings);
        }
    }
}
