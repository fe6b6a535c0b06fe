package org.geocsp.knime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How each {@link Setting} is held by a KNIME settings model, and what that model writes into the
 * node settings. The node model and its dialog both use the settings model class named by
 * {@link #kind(Setting)}, so a node saves exactly what its dialog saves and opening a dialog and
 * pressing OK without edits changes nothing.
 *
 * <p>What a settings model writes, as read in knime-core ({@code SettingsModel#saveSettingsTo} and
 * {@code #dlgSaveSettingsTo}, identical at tags analytics-platform/5.5.3 and 5.8.3): first a config
 * {@code <key>_Internals} holding the string {@code SettingsModelID} (the model class's type id) and
 * the boolean {@code EnabledStatus}, then the value under {@code <key>} with the model's entry type.
 * Loading ignores a missing {@code _Internals} config, so settings saved flat by earlier GeoCSP
 * versions still load. A column drop-down ({@code DialogComponentColumnNameSelection} with its
 * "&lt;none&gt;" item) leaves {@code null} in its string model when nothing is selected, so an empty
 * column setting is written as a null string.
 */
public final class SettingModels {

    /** Suffix of the config a settings model writes beside its value ({@code SettingsModel.CFGKEY_INTERNAL}). */
    public static final String INTERNALS_SUFFIX = "_Internals";
    /** Key of the model's type id in the internals config. */
    public static final String MODEL_ID = "SettingsModelID";
    /** Key of the model's enabled flag in the internals config. */
    public static final String ENABLED = "EnabledStatus";

    /** A KNIME settings model class: its simple name (package {@code org.knime.core.node.defaultnodesettings}) and type id. */
    public enum Kind {
        STRING("SettingsModelString", "SMID_string"),
        INTEGER("SettingsModelInteger", "SMID_integer"),
        LONG("SettingsModelLong", "SMN_long"),
        DOUBLE("SettingsModelDouble", "SMID_double"),
        BOOLEAN("SettingsModelBoolean", "SMID_boolean");

        private final String className;
        private final String modelId;

        Kind(String className, String modelId) {
            this.className = className;
            this.modelId = modelId;
        }

        /** Simple class name of the settings model. */
        public String className() {
            return className;
        }

        /** The type id the model writes as {@link SettingModels#MODEL_ID} ({@code getModelTypeID()}). */
        public String modelId() {
            return modelId;
        }
    }

    private SettingModels() {}

    /** The settings model class of a setting. */
    public static Kind kind(Setting s) {
        return switch (s.type()) {
            case STRING, CHOICE, COLUMN -> Kind.STRING;
            case INT -> Kind.INTEGER;
            case LONG -> Kind.LONG;
            case DOUBLE -> Kind.DOUBLE;
            case BOOLEAN -> Kind.BOOLEAN;
        };
    }

    /** The key of the internals config of a setting. */
    public static String internalsKey(Setting s) {
        return s.key() + INTERNALS_SUFFIX;
    }

    /** Whether a key of the node settings is the internals config of one of {@code settings}; returns it, or null. */
    public static Setting internalsOf(String key, List<Setting> settings) {
        if (!key.endsWith(INTERNALS_SUFFIX)) {
            return null;
        }
        String k = key.substring(0, key.length() - INTERNALS_SUFFIX.length());
        for (Setting s : settings) {
            if (s.key().equals(k)) {
                return s;
            }
        }
        return null;
    }

    /** The value a setting's model holds for a setting value: an empty column selection is null ("&lt;none&gt;"). */
    public static Object modelValue(Setting s, Object value) {
        if (s.type() == SettingType.COLUMN && "".equals(value)) {
            return null;
        }
        return value;
    }

    /** Writes every value as its settings model's {@code saveSettingsTo} does. */
    public static void save(SettingValues values, ConfigStore store) {
        for (Setting s : values.settings()) {
            ConfigStore internals = store.addConfig(internalsKey(s));
            internals.putString(MODEL_ID, kind(s).modelId());
            internals.putBoolean(ENABLED, true);
            Object v = modelValue(s, values.get(s));
            switch (kind(s)) {
                case STRING -> store.putString(s.key(), (String) v);
                case INTEGER -> store.putInt(s.key(), (Integer) v);
                case LONG -> store.putLong(s.key(), (Long) v);
                case DOUBLE -> store.putDouble(s.key(), (Double) v);
                case BOOLEAN -> store.putBoolean(s.key(), (Boolean) v);
                default -> throw new IllegalStateException(s.type().name());
            }
        }
    }

    /**
     * Problems of the internals configs in a store (absent ones are fine: flat settings of earlier
     * versions): a model id of another settings model class, or a missing or non-boolean enabled flag.
     */
    public static List<String> internalsProblems(List<Setting> settings, ConfigStore store) {
        List<String> p = new ArrayList<>();
        for (Setting s : settings) {
            ConfigStore in = store.getConfig(internalsKey(s));
            if (in == null) {
                continue;
            }
            String id;
            try {
                id = in.getString(MODEL_ID);
            } catch (ConfigException e) {
                p.add("setting '" + s.label() + "' (key " + s.key() + "): " + internalsKey(s) + " has no "
                        + MODEL_ID);
                continue;
            }
            if (!kind(s).modelId().equals(id)) {
                p.add("setting '" + s.label() + "' (key " + s.key() + ") was saved by settings model " + id
                        + ", expected " + kind(s).modelId() + " (" + kind(s).className() + ")");
            }
            try {
                in.getBoolean(ENABLED);
            } catch (ConfigException e) {
                p.add("setting '" + s.label() + "' (key " + s.key() + "): " + internalsKey(s) + " has no boolean "
                        + ENABLED);
            }
        }
        return p;
    }
}
