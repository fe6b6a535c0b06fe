package org.geocsp.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems found in a table's rows, grouped by kind and column, with a count and
 * the first few examples of each, so that one message reports every problem at once. The one
 * format of bad rows, used by the row validator of the front ends' tables and by the coordinate
 * checks of core ({@code geo.Coordinates}):
 * {@code file 'in.csv', column 'lat', row 17: 91.2 is outside [-90, 90] (latitude in degrees)} or
 * {@code file 'in.csv', column 'lat': 12 rows with a latitude outside [-90, 90], e.g. row 17: 91.2
 * ..., row 20: ..., ...}. Without a table name ({@code where} empty) the message starts with the
 * column.
 */
public final class RowProblems {

    /** Examples quoted per kind of problem. */
    public static final int EXAMPLES = 3;

    private final String where;
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private long count;

    /** @param where how messages name the table, e.g. "file 'in.csv'" or "the input table"; "" for none */
    public RowProblems(String where) {
        this.where = where;
    }

    public String where() {
        return where;
    }

    /**
     * Records one problem.
     *
     * @param column the column it is in, or null for the whole row
     * @param kind what rows with this problem have, plural, e.g. "with a latitude outside [-90, 90]"
     * @param row the row, e.g. "row 17" (see {@link #rowLabel})
     * @param detail the problem in this row, e.g. "91.2 is outside [-90, 90] (latitude in degrees)"
     */
    public void add(String column, String kind, String row, String detail) {
        count++;
        issues.computeIfAbsent(column + "\u0000" + kind, k -> new Issue(column, kind)).add(row, detail);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The number of problems recorded. */
    public long count() {
        return count;
    }

    /** One message per kind of problem. */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        for (Issue i : issues.values()) {
            out.add(i.describe());
        }
        return out;
    }

    /** The first problem as "row 3: column 'lat': 95.0 is outside ...", or null if none. */
    public String firstExample() {
        if (issues.isEmpty()) {
            return null;
        }
        Issue i = issues.values().iterator().next();
        String e = i.examples.get(0);
        if (i.column == null) {
            return e;
        }
        int colon = e.indexOf(": ");
        return e.substring(0, colon) + ": column '" + i.column + "'" + e.substring(colon);
    }

    /** @throws InvalidInputException listing every kind of problem, if any was recorded */
    public void throwIfAny() {
        if (count > 0) {
            throw new InvalidInputException(messages());
        }
    }

    /** "row 17", or "row 17 (Row16)" with a row key. */
    public static String rowLabel(long row, String key) {
        return key == null ? "row " + row : "row " + row + " (" + key + ")";
    }

    private final class Issue {
        final String column;
        final String kind;
        long n;
        final List<String> examples = new ArrayList<>();

        Issue(String column, String kind) {
            this.column = column;
            this.kind = kind;
        }

        void add(String row, String detail) {
            n++;
            if (examples.size() < EXAMPLES) {
                examples.add(row + ": " + detail);
            }
        }

        String describe() {
            String at = where;
            if (column != null) {
                at = (at.isEmpty() ? "" : at + ", ") + "column '" + column + "'";
            }
            String prefix = at.isEmpty() ? "" : at + (n == 1 ? ", " : ": ");
            if (n == 1) {
                return prefix + examples.get(0);
            }
            return prefix + n + " rows " + kind + ", e.g. " + String.join(", ", examples)
                    + (n > examples.size() ? ", ..." : "");
        }
    }
}
