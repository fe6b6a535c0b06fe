package org.geocsp.core.settings;

/**
 * One invalid setting.
 *
 * @param param the declaration of the setting, or null for a rule that spans several settings
 *     without one to blame
 * @param text the problem, naming the setting by its label
 */
public record SettingProblem(Param param, String text) {
}
