package org.geocsp.knime.config;

/** The value type of a {@link Setting}; each maps to one KNIME settings model and dialog component. */
public enum SettingType {
    /** Free text ({@code SettingsModelString}, text field). */
    STRING,
    /** One of a fixed list of strings ({@code SettingsModelString}, drop-down). */
    CHOICE,
    /** {@code SettingsModelInteger}, number spinner. */
    INT,
    /** {@code SettingsModelLong}, number spinner (seeds). */
    LONG,
    /** {@code SettingsModelDouble}, number spinner. */
    DOUBLE,
    /** {@code SettingsModelBoolean}, check box. */
    BOOLEAN,
    /** A column name of an input table ({@code SettingsModelString}, column drop-down). */
    COLUMN
}
