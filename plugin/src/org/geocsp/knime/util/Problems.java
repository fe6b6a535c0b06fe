package org.geocsp.knime.util;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.knime.config.ConfigException;
import org.knime.core.node.InvalidSettingsException;

/** Turns the problem lists of core and of the config package into KNIME's exceptions. */
public final class Problems {

    private Problems() {}

    /** An {@link InvalidSettingsException} listing every problem, one per line. */
    public static InvalidSettingsException invalidSettings(final List<String> problems) {
        return new InvalidSettingsException(String.join("\n", problems));
    }

    public static InvalidSettingsException invalidSettings(final ConfigException e) {
        return invalidSettings(e.problems());
    }

    public static InvalidSettingsException invalidSettings(final InvalidInputException e) {
        return invalidSettings(e.problems());
    }

    /** Throws if the list is not empty. */
    public static void throwIfAny(final List<String> problems) throws InvalidSettingsException {
        if (!problems.isEmpty()) {
            throw invalidSettings(problems);
        }
    }
}
