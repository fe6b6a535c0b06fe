package org.geocsp.knime.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes appended column names unique against the input table's names, as KNIME does
 * ("name (#1)", "name (#2)", ...).
 */
public final class OutputNames {

    private final Set<String> taken;

    public OutputNames(Collection<String> existing) {
        this.taken = new HashSet<>(existing);
    }

    /** {@code name}, or the first "name (#i)" not yet taken; the result is taken from now on. */
    public String unique(String name) {
        String n = name;
        for (int i = 1; taken.contains(n); i++) {
            n = name + " (#" + i + ")";
        }
        taken.add(n);
        return n;
    }
}
