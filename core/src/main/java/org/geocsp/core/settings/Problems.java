package org.geocsp.core.settings;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.io.InvalidInputException;

/** Collects every settings problem, then throws them at once as one {@link InvalidSettingsException}. */
public final class Problems {

    private final List<SettingProblem> problems = new ArrayList<>();

    /** Checks a value against its declaration. */
    public Problems check(Param param, Object value) {
        String p = param.problem(value);
        if (p != null) {
            problems.add(new SettingProblem(param, p));
        }
        return this;
    }

    /** A problem of a rule on one or more settings, blamed on {@code param} (may be null). */
    public Problems add(Param param, String text) {
        problems.add(new SettingProblem(param, text));
        return this;
    }

    /** The problems of a nested settings record (keeps their declarations). */
    public Problems addAll(InvalidInputException e) {
        if (e instanceof InvalidSettingsException s) {
            problems.addAll(s.settingProblems());
        } else {
            e.problems().forEach(t -> problems.add(new SettingProblem(null, t)));
        }
        return this;
    }

    /** Runs {@code build} and keeps its problems instead of throwing them; returns its result or null. */
    public <T> T collect(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            addAll(e);
            return null;
        }
    }

    /**
     * Runs {@code parse} (e.g. an enum parser) and keeps its problems, blamed on {@code param}
     * where the parser named no declaration; returns its result or null.
     */
    public <T> T collect(Param param, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidSettingsException e) {
            addAll(e);
            return null;
        } catch (InvalidInputException e) {
            e.problems().forEach(t -> problems.add(new SettingProblem(param, t)));
            return null;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<SettingProblem> list() {
        return List.copyOf(problems);
    }

    /** @throws InvalidSettingsException if any problem was found */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            // a problem found by two checks of the same rule is listed once
            throw new InvalidSettingsException(new ArrayList<>(new java.util.LinkedHashSet<>(problems)));
        }
    }
}
