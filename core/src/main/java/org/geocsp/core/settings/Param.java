package org.geocsp.core.settings;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one hyper-parameter: the single home of its key, label, command-line option,
 * description, type, default and allowed values. Core's settings records validate their fields
 * with {@link #problem(Object)}; the command line derives its options, defaults and help text and
 * the KNIME nodes their settings and descriptions from the same declaration.
 *
 * @param key the settings key (KNIME node settings and flow variables; stable across versions)
 * @param label the name shown to users: dialog label, node-description option and messages
 * @param cliOption the command-line option ({@code --name}); null if the CLI has none. Several
 *     declarations may share one option (e.g. {@code --temperatures tau_b,tau_l,tau_d}); the CLI
 *     takes their values comma-separated in declaration order
 * @param description one or two sentences for help texts (plain text, no format characters)
 * @param type the value type
 * @param defaultValue the default (Integer, Long, Double, Boolean or String by type)
 * @param min smallest allowed number
 * @param minExclusive whether {@code min} itself is refused
 * @param max largest allowed number
 * @param choices the allowed values of {@link Type#CHOICE} (compared case-insensitively)
 */
public record Param(String key, String label, String cliOption, String description, Type type, Object defaultValue,
        double min, boolean minExclusive, double max, List<String> choices) {

    /** Value types. */
    public enum Type {
        INT, LONG, DOUBLE, BOOLEAN, CHOICE
    }

    public Param {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "default of " + key);
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (!javaType(type).isInstance(defaultValue)) {
            throw new IllegalArgumentException("default of " + key + " must be a " + javaType(type).getSimpleName());
        }
        if (description.indexOf('%') >= 0) {
            throw new IllegalArgumentException("description of " + key + " must not contain '%' (help formats it)");
        }
        if (cliOption != null && !cliOption.startsWith("--")) {
            throw new IllegalArgumentException("option of " + key + " must start with --: " + cliOption);
        }
        if (type == Type.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of " + key + " is not a choice");
        }
        if (isNumber(type) && !(min <= max)) {
            throw new IllegalArgumentException("range of " + key + " is empty");
        }
        String p = numberProblem(type, defaultValue, min, minExclusive, max, label);
        if (p != null) {
            throw new IllegalArgumentException("default of " + key + " is out of its range: " + p);
        }
    }

    /** An integer setting in [min, max]. */
    public static Param integer(String key, String label, String cliOption, String description, int def, int min,
            int max) {
        return new Param(key, label, cliOption, description, Type.INT, def, min, false, max, List.of());
    }

    /** A long setting in [min, max]. */
    public static Param longInteger(String key, String label, String cliOption, String description, long def,
            long min, long max) {
        return new Param(key, label, cliOption, description, Type.LONG, def, min, false, max, List.of());
    }

    /** A finite real setting in [min, max] ({@code (min, max]} if minExclusive). */
    public static Param real(String key, String label, String cliOption, String description, double def, double min,
            boolean minExclusive, double max) {
        return new Param(key, label, cliOption, description, Type.DOUBLE, def, min, minExclusive, max, List.of());
    }

    /** A switch. */
    public static Param bool(String key, String label, String cliOption, String description, boolean def) {
        return new Param(key, label, cliOption, description, Type.BOOLEAN, def, 0, false, 0, List.of());
    }

    /** One of {@code choices}. */
    public static Param choice(String key, String label, String cliOption, String description, String def,
            List<String> choices) {
        return new Param(key, label, cliOption, description, Type.CHOICE, def, 0, false, 0, choices);
    }

    /** The same declaration with another default (e.g. the fine-tuning learning rate). */
    public Param withDefault(Object def) {
        return new Param(key, label, cliOption, description, type, def, min, minExclusive, max, choices);
    }

    /** The Java type of values of a type. */
    public static Class<?> javaType(Type t) {
        return switch (t) {
            case INT -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case CHOICE -> String.class;
        };
    }

    private static boolean isNumber(Type t) {
        return t == Type.INT || t == Type.LONG || t == Type.DOUBLE;
    }

    /** The default as a double (numbers only). */
    public double defaultDouble() {
        return ((Number) defaultValue).doubleValue();
    }

    /** The default as an int. */
    public int defaultInt() {
        return (Integer) defaultValue;
    }

    /** The default as a long. */
    public long defaultLong() {
        return (Long) defaultValue;
    }

    /** The default as a boolean. */
    public boolean defaultBoolean() {
        return (Boolean) defaultValue;
    }

    /** The default choice or text. */
    public String defaultString() {
        return (String) defaultValue;
    }

    /** The default as users type it ({@code 0.0005}, {@code 20}, {@code area-uniform}). */
    public String defaultText() {
        return format(defaultValue);
    }

    /** The allowed values in words: {@code (0, 1e+06]}, {@code [0, 64]}, {@code adam, adamw}. */
    public String rangeText() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case LONG -> min <= Long.MIN_VALUE && max >= Long.MAX_VALUE ? "any integer"
                    : "[" + format(min) + ", " + format(max) + "]";
            case CHOICE -> String.join(", ", choices);
            default -> (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + "]";
        };
    }

    /**
     * What is wrong with a value, or null if it is allowed. The text names the setting by its
     * label: "In-batch temperature (tau_b) must be in (0, 1e+06], got 0".
     */
    public String problem(Object value) {
        if (value == null) {
            return label + " is missing";
        }
        if (type == Type.CHOICE) {
            String s = value.toString().trim();
            return choices.stream().anyMatch(c -> c.equalsIgnoreCase(s)) ? null
                    : label + " '" + value + "' is not valid: use " + String.join(", ", choices);
        }
        if (type == Type.BOOLEAN) {
            return value instanceof Boolean ? null : label + " must be true or false, got " + value;
        }
        if (!(value instanceof Number)) {
            return label + " must be a number, got " + value;
        }
        return numberProblem(type, value, min, minExclusive, max, label);
    }

    /** Whether {@code value} is allowed. */
    public boolean allows(Object value) {
        return problem(value) == null;
    }

    private static String numberProblem(Type type, Object value, double min, boolean minExclusive, double max,
            String label) {
        if (!isNumber(type)) {
            return null;
        }
        double v = ((Number) value).doubleValue();
        if (type == Type.LONG) {
            long l = ((Number) value).longValue();
            if ((min > Long.MIN_VALUE && l < (long) min) || (max < Long.MAX_VALUE && l > (long) max)) {
                return label + " must be in [" + format(min) + ", " + format(max) + "], got " + l;
            }
            return null;
        }
        if (Double.isNaN(v)) {
            return label + " must be a number, got NaN";
        }
        boolean ok = (minExclusive ? v > min : v >= min) && v <= max;
        if (!ok) {
            return label + " must be in " + (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + "], got "
                    + format(value);
        }
        return null;
    }

    /** A value as users type it: {@code 20}, {@code 0.0005}, {@code 1e9}, {@code 1e-9}. */
    public static String format(Object value) {
        if (value instanceof Float f) {
            return format(f.doubleValue());
        }
        if (value instanceof Double d) {
            double v = d;
            if (!Double.isFinite(v)) {
                return Double.toString(v);
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e7) {
                return Long.toString((long) v);
            }
            if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7) {
                return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
            }
            return Double.toString(v).replace(".0E", "e").replace("E", "e");
        }
        return String.valueOf(value);
    }
}
