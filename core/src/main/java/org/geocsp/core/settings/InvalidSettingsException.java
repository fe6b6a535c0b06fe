package org.geocsp.core.settings;

import java.util.List;
import java.util.function.Function;
import org.geocsp.core.io.InvalidInputException;

/**
 * Invalid settings: every problem found, each with the declaration it concerns, so that a front
 * end can name the setting its own way (the command line prefixes the option).
 */
public class InvalidSettingsException extends InvalidInputException {

    private static final long serialVersionUID = 1L;
    private final transient List<SettingProblem> settingProblems;

    public InvalidSettingsException(List<SettingProblem> problems) {
        super(problems.stream().map(SettingProblem::text).toList());
        this.settingProblems = List.copyOf(problems);
    }

    /** Every problem with its declaration. */
    public List<SettingProblem> settingProblems() {
        return settingProblems;
    }

    /** The problems on one line, each prefixed by {@code name(param)} where a param is known. */
    public String message(Function<Param, String> name) {
        StringBuilder b = new StringBuilder();
        for (SettingProblem p : settingProblems) {
            if (b.length() > 0) {
                b.append("; ");
            }
            String n = p.param() == null ? null : name.apply(p.param());
            if (n != null) {
                b.append(n).append(": ");
            }
            b.append(p.text());
        }
        return b.toString();
    }
}
