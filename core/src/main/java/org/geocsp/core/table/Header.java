package org.geocsp.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.geocsp.core.io.InvalidInputException;

/**
 * The column names of a table and the one rule for finding a column by name, used by every
 * command and node: names are compared without a byte order mark and surrounding spaces, ignoring
 * case; when several columns match ignoring case, the one spelled exactly wins, and without one the
 * name is ambiguous. Prefix-numbered columns ({@code f0..fN}) follow {@link #numbered}.
 */
public final class Header {

    private final String where;
    private final List<String> names;

    /**
     * @param where how messages name the table, e.g. "file 'in.csv'" or "the input table"
     * @param rawNames the header cells as read
     */
    public Header(String where, List<String> rawNames) {
        this.where = where;
        List<String> n = new ArrayList<>(rawNames.size());
        for (String r : rawNames) {
            n.add(CellRules.columnName(r));
        }
        this.names = List.copyOf(n);
    }

    public String where() {
        return where;
    }

    /** The column names (cleaned), in order. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    /**
     * The index of a column, or -1 if there is none.
     *
     * @throws InvalidInputException if the name is ambiguous (two columns spelled exactly so, or
     *     several matching ignoring case and none exactly)
     */
    public int indexOf(String wanted) {
        String w = CellRules.columnName(wanted);
        int exact = -1;
        int exactCount = 0;
        int folded = -1;
        int foldedCount = 0;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.equals(w)) {
                exact = i;
                exactCount++;
            }
            if (n.equalsIgnoreCase(w)) {
                folded = i;
                foldedCount++;
            }
        }
        if (exactCount > 1) {
            throw new InvalidInputException(where + " has more than one column named '" + w + "'");
        }
        if (exactCount == 1) {
            return exact;
        }
        if (foldedCount > 1) {
            throw new InvalidInputException(where + " has several columns named '" + w
                    + "' in different case and none spelled exactly so; rename them or give the exact name");
        }
        return folded;
    }

    /** The index of a column that must exist. */
    public int require(String wanted, String role) {
        int i = indexOf(wanted);
        if (i < 0) {
            throw new InvalidInputException(where + " has no " + (role == null ? "" : role + " ") + "column '"
                    + CellRules.columnName(wanted) + "' (columns found: " + list() + ")");
        }
        return i;
    }

    /** The columns found, for messages (at most 20 names). */
    public String list() {
        return names.size() <= 20 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + ", ... (" + names.size() + " columns)";
    }

    /**
     * The prefix-numbered columns {@code prefix0 .. prefix(n-1)}, the rule for every command and
     * node: a column belongs to the set when its name is the prefix (ignoring case) followed by
     * ASCII digits; the numbers must be exactly 0..n-1, each once; with an expected width the set
     * must have exactly that many columns.
     *
     * @param expectedWidth the width the model needs, or -1 for any
     * @param what what the columns hold, for messages ("image-embedding", "image-probability")
     * @return the column index of value k at position k, or null when no column has the prefix
     * @throws InvalidInputException for gaps, duplicates, a number too large, or another width
     */
    public int[] numbered(String prefix, int expectedWidth, String what) {
        String p = CellRules.columnName(prefix).toLowerCase(Locale.ROOT);
        TreeMap<Integer, Integer> byNumber = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.length() <= p.length() || !n.toLowerCase(Locale.ROOT).startsWith(p)) {
                continue;
            }
            String digits = n.substring(p.length());
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                continue;
            }
            int k;
            try {
                k = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where + ": " + what + " column '" + n + "' has a number too large"
                        + " for a column index");
            }
            Integer prev = byNumber.putIfAbsent(k, i);
            if (prev != null) {
                throw new InvalidInputException(where + ": " + what + " columns '" + names.get(prev) + "' and '" + n
                        + "' both have number " + k);
            }
        }
        if (byNumber.isEmpty()) {
            if (expectedWidth > 0) {
                throw new InvalidInputException(where + " has no " + what + " columns " + range(prefix, expectedWidth)
                        + " (columns found: " + list() + ")");
            }
            return null;
        }
        int n = byNumber.lastKey() + 1;
        if (byNumber.size() != n) {
            List<String> gaps = new ArrayList<>();
            for (int k = 0; k < n && gaps.size() < 10; k++) {
                if (!byNumber.containsKey(k)) {
                    gaps.add("'" + prefix + k + "'");
                }
            }
            throw new InvalidInputException(where + ": the " + what + " columns " + range(prefix, n)
                    + " are not numbered contiguously from 0; missing " + String.join(", ", gaps)
                    + (n - byNumber.size() > gaps.size() ? ", ..." : ""));
        }
        if (expectedWidth >= 0 && n != expectedWidth) {
            throw new InvalidInputException(where + " has " + n + " " + what + " columns " + range(prefix, n)
                    + ", but the model expects " + expectedWidth + " (" + range(prefix, expectedWidth) + ")");
        }
        int[] idx = new int[n];
        for (var e : byNumber.entrySet()) {
            idx[e.getKey()] = e.getValue();
        }
        return idx;
    }

    /** "f0..f7", or "f0" for one column. */
    public static String range(String prefix, int n) {
        return n <= 1 ? prefix + "0" : prefix + "0.." + prefix + (n - 1);
    }
}
