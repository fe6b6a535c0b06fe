package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnGuess;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves column settings against an input table's columns at configure time: checks that a
 * selected column exists and has a suitable type, or picks one by its name when the setting is
 * empty. Problems name the setting by its dialog label and the column by its name.
 */
public final class ColumnRoles {

    /** Names tried, in order and ignoring case, for an empty longitude setting (core's rule). */
    public static final List<String> LONGITUDE_NAMES = ColumnGuess.LONGITUDE_NAMES;
    /** Names tried, in order and ignoring case, for an empty latitude setting (core's rule). */
    public static final List<String> LATITUDE_NAMES = ColumnGuess.LATITUDE_NAMES;

    private ColumnRoles() {}

    /** Index of a column by exact name, or -1. */
    public static int indexOf(List<ColumnInfo> columns, String name) {
        return ColumnGuess.indexOf(columns, name);
    }

    /**
     * The column a setting selects.
     *
     * @param selected the setting's value; empty means "choose": the first column whose name is
     *     among {@code guessNames} (ignoring case), else for {@link ColumnKind#VECTOR} and
     *     {@link ColumnKind#STRING} the only suitable column if there is exactly one
     * @return the column index, or -1 for an optional setting left empty (or after a problem)
     */
    public static int resolve(List<ColumnInfo> columns, Setting setting, String selected, List<String> guessNames,
            List<String> problems) {
        ColumnKind kind = setting.columnKind();
        if (selected == null || selected.isEmpty()) {
            if (setting.optional()) {
                return -1;
            }
            int guessed = ColumnGuess.guess(columns, kind, guessNames);
            if (guessed >= 0) {
                return guessed;
            }
            List<Integer> suitable = ColumnGuess.suitable(columns, kind);
            problems.add("setting '" + setting.label() + "': no column selected"
                    + (guessNames.isEmpty() ? "" : " and none is named " + String.join(", ", guessNames))
                    + (suitable.isEmpty() ? "; the input table has no " + kind.describe()
                            : "; select " + kind.describe()));
            return -1;
        }
        int idx = indexOf(columns, selected);
        if (idx < 0) {
            problems.add("setting '" + setting.label() + "': column '" + selected + "' is not in the input table");
            return -1;
        }
        ColumnInfo c = columns.get(idx);
        if (!kind.accepts(c.type())) {
            problems.add("setting '" + setting.label() + "': column '" + selected + "' has type " + describe(c.type())
                    + ", expected " + kind.describe());
            return -1;
        }
        return idx;
    }

    /**
     * The image-embedding columns.
     *
     * @param byPattern true: every number column whose whole name matches {@code pattern}; false:
     *     the vector/list column {@code column}
     * @param columnSetting the column setting (for its label and kind)
     * @param patternSetting the pattern setting (for its label)
     * @return the source, or null after a problem
     */
    public static EmbeddingSource resolveEmbedding(List<ColumnInfo> columns, boolean byPattern, String column,
            String pattern, Setting columnSetting, Setting patternSetting, List<String> problems) {
        if (!byPattern) {
            int idx = resolve(columns, columnSetting, column, List.of(), problems);
            if (idx < 0) {
                return null;
            }
            ColumnInfo c = columns.get(idx);
            return new EmbeddingSource(new int[] {idx}, List.of(c.name()), true, c.width());
        }
        if (pattern == null || pattern.isBlank()) {
            problems.add("setting '" + patternSetting.label() + "' is empty; give a regular expression that matches"
                    + " the names of the embedding columns");
            return null;
        }
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problems.add("setting '" + patternSetting.label() + "': '" + pattern + "' is not a valid regular expression ("
                    + e.getDescription() + ")");
            return null;
        }
        List<String> wrongType = new ArrayList<>();
        int[] a = ColumnGuess.matching(columns, p, wrongType);
        if (!wrongType.isEmpty()) {
            problems.add("setting '" + patternSetting.label() + "': the pattern '" + pattern
                    + "' matches columns that are not numbers: " + String.join(", ", wrongType));
            return null;
        }
        if (a.length == 0) {
            problems.add("setting '" + patternSetting.label() + "': no column name matches '" + pattern + "'");
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i : a) {
            names.add(columns.get(i).name());
        }
        return new EmbeddingSource(a, names, false, a.length);
    }

    /** A type in words. */
    public static String describe(ColumnType t) {
        return t.describe();
    }
}
