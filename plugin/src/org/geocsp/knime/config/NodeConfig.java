package org.geocsp.knime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.geocsp.core.io.InvalidInputException;

/**
 * The settings of one node: values for the node's fixed list of {@link Setting}s. Subclasses add
 * typed access, validation and conversion to core settings.
 */
public abstract class NodeConfig {

    private final SettingValues values;

    protected NodeConfig(SettingValues values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    public final SettingValues values() {
        return values;
    }

    public final void save(ConfigStore store) {
        values.save(store);
    }

    /**
     * Every problem of the settings alone (no input table needed): values out of range, and
     * whatever core rejects when the settings are converted.
     */
    public final List<String> settingProblems() {
        List<String> p = new ArrayList<>(values.rangeProblems());
        if (p.isEmpty()) {
            try {
                checkWithCore();
            } catch (InvalidInputException e) {
                p.addAll(e.problems());
            } catch (IllegalArgumentException e) {
                p.add(e.getMessage());
            }
        }
        return p;
    }

    /** Converts to core settings, letting core's validation throw. */
    protected abstract void checkWithCore();

    /** Throws a {@link ConfigException} if {@link #settingProblems()} finds any. */
    public final void validate() throws ConfigException {
        List<String> p = settingProblems();
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
    }

    /** Concatenates setting lists. */
    @SafeVarargs
    protected static List<Setting> concat(List<Setting>... parts) {
        List<Setting> all = new ArrayList<>();
        for (List<Setting> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((NodeConfig) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + values;
    }
}
