package org.geocsp.core.table;

import java.util.Arrays;

/**
 * The rules for text cells, declared once: column names (a leading UTF-8 byte order mark and
 * surrounding spaces are not part of a name), numbers (plain decimal notation only: an optional
 * sign, digits with an optional decimal point, an optional exponent; {@code NaN} and
 * {@code Infinity}/{@code inf} are read so that they can be reported as what they are; hex floats
 * such as {@code 0x1p4}, Java type suffixes such as {@code 1d}, thousands separators and non-ASCII
 * digits are not numbers) and lists of numbers (separated by spaces, commas or semicolons, optionally
 * in brackets).
 */
public final class CellRules {

    /** The byte order mark some editors write at the start of a UTF-8 file. */
    public static final char BOM = '\uFEFF';

    private CellRules() {}

    /** A column name as written in a header cell: without a byte order mark and surrounding spaces. */
    public static String columnName(String raw) {
        String s = raw == null ? "" : raw;
        if (!s.isEmpty() && s.charAt(0) == BOM) {
            s = s.substring(1);
        }
        return s.strip();
    }

    /** Whether a header name matches a wanted column name: the one case rule (case is ignored). */
    public static boolean sameName(String header, String wanted) {
        return columnName(header).equalsIgnoreCase(columnName(wanted));
    }

    /** Whether a (stripped) cell is empty, i.e. a missing value. */
    public static boolean isEmpty(String cell) {
        return cell == null || cell.isBlank();
    }

    /** Whether {@code s} is a number in plain decimal notation (no NaN, no infinity). */
    public static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (n == 0) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The number in a cell (surrounding spaces ignored).
     *
     * @return the value; NaN for the text {@code NaN}, an infinity for {@code [+-]Infinity} or
     *     {@code [+-]inf} (any case)
     * @throws CellException if the cell is not a number by these rules
     */
    public static double parseNumber(String cell) {
        String s = cell.strip();
        if (isDecimal(s)) {
            return Double.parseDouble(s);
        }
        String u = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (u.equalsIgnoreCase("nan") && u.length() == s.length()) {
            return Double.NaN;
        }
        if (u.equalsIgnoreCase("infinity") || u.equalsIgnoreCase("inf")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new CellException("'" + abbreviate(s) + "' is not a number");
    }

    /**
     * The numbers of a list cell: separated by spaces, commas or semicolons, optionally in
     * brackets.
     *
     * @throws CellException if a token is not a number, or the list is empty
     */
    public static double[] parseList(String cell) {
        String s = cell.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        double[] v = new double[Math.max(4, s.length() / 4)];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (i < len) {
            while (i < len && isSeparator(s.charAt(i))) {
                i++;
            }
            if (i == len) {
                break;
            }
            int start = i;
            while (i < len && !isSeparator(s.charAt(i))) {
                i++;
            }
            String token = s.substring(start, i);
            double x;
            try {
                x = parseNumber(token);
            } catch (CellException e) {
                throw new CellException("value " + (n + 1) + " of the list, '" + abbreviate(token) + "', is not a number");
            }
            if (n == v.length) {
                v = Arrays.copyOf(v, v.length * 2);
            }
            v[n++] = x;
        }
        if (n == 0) {
            throw new CellException("'" + abbreviate(cell.strip()) + "' holds no numbers");
        }
        return n == v.length ? v : Arrays.copyOf(v, n);
    }

    /** Whether {@code cell} looks like a list of at least two numbers (for guessing a vector column). */
    public static boolean isList(String cell) {
        try {
            return parseList(cell).length >= 2;
        } catch (CellException e) {
            return false;
        }
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || Character.isWhitespace(c);
    }

    /** A value as float32, the precision of embeddings; NaN or an infinity if it is not finite there. */
    public static float toFloat32(double x) {
        return (float) x;
    }

    /** Text shortened to at most 40 characters for messages. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
