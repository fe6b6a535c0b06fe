package org.geocsp.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Column roles by name and kind, the rules behind a column setting left empty and an embedding
 * chosen by a name pattern: the names tried for longitude, latitude and labels (ignoring case, in
 * order), the only suitable column of a kind, and the number columns whose names match a pattern.
 */
public final class ColumnGuess {

    /** Names tried, in order and ignoring case, for the longitude. */
    public static final List<String> LONGITUDE_NAMES = List.of("longitude", "lon", "lng", "long", "x");
    /** Names tried, in order and ignoring case, for the latitude. */
    public static final List<String> LATITUDE_NAMES = List.of("latitude", "lat", "y");
    /** Names tried, in order and ignoring case, for the class label. */
    public static final List<String> LABEL_NAMES = List.of("label", "class");

    private ColumnGuess() {}

    /** Index of a column by its exact name (a name picked from the table), or -1. */
    public static int indexOf(List<ColumnInfo> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The column to use when none is chosen: the first column of the kind whose name is among
     * {@code names} (ignoring case), else for vector and string columns the only column of the kind.
     *
     * @return the index, or -1 when there is no such column
     */
    public static int guess(List<ColumnInfo> columns, ColumnKind kind, List<String> names) {
        for (String g : names) {
            for (int i = 0; i < columns.size(); i++) {
                ColumnInfo c = columns.get(i);
                if (c.name().toLowerCase(Locale.ROOT).equals(g) && kind.accepts(c.type())) {
                    return i;
                }
            }
        }
        List<Integer> s = suitable(columns, kind);
        return s.size() == 1 && kind != ColumnKind.NUMBER ? s.get(0) : -1;
    }

    /** The columns of a kind. */
    public static List<Integer> suitable(List<ColumnInfo> columns, ColumnKind kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (kind.accepts(columns.get(i).type())) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The columns whose whole name matches a pattern, in table order.
     *
     * @param wrongType receives up to three matching columns that are not numbers, as "'name' (type)"
     * @return the matching number columns
     */
    public static int[] matching(List<ColumnInfo> columns, Pattern pattern, List<String> wrongType) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo c = columns.get(i);
            if (pattern.matcher(c.name()).matches()) {
                if (c.type().isNumber()) {
                    idx.add(i);
                } else if (wrongType.size() < 3) {
                    wrongType.add("'" + c.name() + "' (" + c.type().describe() + ")");
                }
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }
}
