package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnKind;
import java.util.List;
import java.util.Objects;
import org.geocsp.core.settings.Param;

/**
 * One node setting: its key in the node settings (and the flow-variable tree), the label shown in
 * the dialog and used as the option name in the node description, its type, default and bounds.
 * A node lists its settings once; the dialog, loading, saving and range checks all derive from that
 * list, so the model and the dialog cannot disagree on a key.
 *
 * @param key the settings key
 * @param label the dialog label and node-description option name
 * @param type the value type
 * @param defaultValue the default (String, Integer, Long, Double or Boolean by type)
 * @param min lower bound of numbers (inclusive)
 * @param max upper bound of numbers (inclusive)
 * @param choices the allowed values of {@link SettingType#CHOICE} (compared case-insensitively)
 * @param columnKind the accepted columns of {@link SettingType#COLUMN}
 * @param port the input port whose table a column setting refers to
 * @param optional a column setting that may be empty ("none")
 * @param tab the dialog tab
 */
public record Setting(String key, String label, SettingType type, Object defaultValue, double min, double max,
        List<String> choices, ColumnKind columnKind, int port, boolean optional, String tab) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tab, "tab");
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (defaultValue != null && !javaType(type).isInstance(defaultValue)) {
            throw new IllegalArgumentException("default of setting '" + key + "' must be a "
                    + javaType(type).getSimpleName() + ", got " + defaultValue.getClass().getSimpleName());
        }
        if (defaultValue == null && type != SettingType.STRING && type != SettingType.COLUMN) {
            throw new IllegalArgumentException("setting '" + key + "' needs a default");
        }
    }

    /** The Java type of values of a setting type. */
    public static Class<?> javaType(SettingType t) {
        return switch (t) {
            case STRING, CHOICE, COLUMN -> String.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
        };
    }

    /**
     * The node setting of a core declaration: its key, label, default, range and choices. An
     * exclusive lower bound becomes the next larger double (the dialog's bounds are inclusive).
     */
    public static Setting of(Param p, String tab) {
        return switch (p.type()) {
            case INT -> new Setting(p.key(), p.label(), SettingType.INT, p.defaultInt(), p.min(), p.max(), List.of(),
                    null, -1, false, tab);
            case LONG -> new Setting(p.key(), p.label(), SettingType.LONG, p.defaultLong(), p.min(), p.max(),
                    List.of(), null, -1, false, tab);
            case DOUBLE -> new Setting(p.key(), p.label(), SettingType.DOUBLE, p.defaultDouble(),
                    p.minExclusive() ? Math.nextUp(p.min()) : p.min(), p.max(), List.of(), null, -1, false, tab);
            case BOOLEAN -> bool(p.key(), p.label(), p.defaultBoolean(), tab);
            case CHOICE -> choice(p.key(), p.label(), p.defaultString(), p.choices(), tab);
        };
    }

    /** {@link #of(Param, String)} with other choices (e.g. spellings that saved workflows hold). */
    public static Setting of(Param p, String def, List<String> choices, String tab) {
        return choice(p.key(), p.label(), def, choices, tab);
    }

    public static Setting text(String key, String label, String def, String tab) {
        return new Setting(key, label, SettingType.STRING, def == null ? "" : def, 0, 0, List.of(), null, -1, true,
                tab);
    }

    public static Setting choice(String key, String label, String def, List<String> choices, String tab) {
        if (!choices.contains(def)) {
            throw new IllegalArgumentException("default '" + def + "' of setting '" + key + "' is not a choice");
        }
        return new Setting(key, label, SettingType.CHOICE, def, 0, 0, choices, null, -1, false, tab);
    }

    public static Setting integer(String key, String label, int def, int min, int max, String tab) {
        return new Setting(key, label, SettingType.INT, def, min, max, List.of(), null, -1, false, tab);
    }

    public static Setting longInteger(String key, String label, long def, String tab) {
        return new Setting(key, label, SettingType.LONG, def, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), null, -1,
                false, tab);
    }

    public static Setting real(String key, String label, double def, double min, double max, String tab) {
        return new Setting(key, label, SettingType.DOUBLE, def, min, max, List.of(), null, -1, false, tab);
    }

    public static Setting bool(String key, String label, boolean def, String tab) {
        return new Setting(key, label, SettingType.BOOLEAN, def, 0, 0, List.of(), null, -1, false, tab);
    }

    /** A column of the table at input port {@code port}; empty = choose automatically (or none if optional). */
    public static Setting column(String key, String label, ColumnKind kind, int port, boolean optional, String tab) {
        return new Setting(key, label, SettingType.COLUMN, "", 0, 0, List.of(), kind, port, optional, tab);
    }
}
