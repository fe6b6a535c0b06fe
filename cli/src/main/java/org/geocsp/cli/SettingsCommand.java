package org.geocsp.cli;

/**
 * A command whose settings combine several options (enum names, cross-option rules of core's
 * settings records). {@link Main} runs {@link #checkSettings()} with the range checks of
 * {@link DeclaredOptions} before the command, so that every problem is listed at once and before
 * any input is read.
 */
interface SettingsCommand {

    /**
     * Builds the command's settings from its options.
     *
     * @return the settings (unused by the caller)
     * @throws org.geocsp.core.io.InvalidInputException listing every problem
     */
    Object checkSettings();
}
