package org.geocsp.cli.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a result table as CSV in the one CSV output format of the command line, {@link #FORMAT}
 * (UTF-8, comma, header first, "\n" line ends, quotes only where needed): every CSV a command
 * writes (encode, predict, geolocate) uses it. Numbers keep full
 * precision: a {@code Double} is written with {@link Double#toString(double)} and a
 * {@code Float} with {@link Float#toString(float)}, the shortest text that parses back to the
 * same value (so a float32 score is not padded with float64 noise digits). {@code float[]} and
 * {@code double[]} cells become space-separated vectors, which {@link CsvTableReader} reads
 * back; null becomes an empty cell; anything else is written with {@code toString()}.
 */
public final class CsvTableWriter implements AutoCloseable {

    /** The CSV output format of every command: RFC 4180 quoting with "\n" line ends. */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    /** The character set of every CSV the command line writes. */
    public static final java.nio.charset.Charset CHARSET = StandardCharsets.UTF_8;

    private final CSVPrinter printer;
    private final int columns;
    private long rows;

    /** Writes to {@code out} (closed with this writer) starting with the header. */
    public CsvTableWriter(Writer out, List<String> header) throws IOException {
        if (header.isEmpty()) {
            out.close();
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.printer = new CSVPrinter(out, FORMAT);
        this.columns = header.size();
        printer.printRecord(header);
    }

    /** Writes one row; it must have one cell per header column. */
    public void writeRow(Object... cells) throws IOException {
        writeRow(List.of(nullSafe(cells)));
    }

    /** Writes one row; it must have one cell per header column. */
    public void writeRow(List<?> cells) throws IOException {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("row " + (rows + 1) + " has " + cells.size() + " cells, the header has "
                    + columns + " columns");
        }
        List<String> text = new ArrayList<>(columns);
        for (Object c : cells) {
            text.add(format(c));
        }
        printer.printRecord(text);
        rows++;
    }

    /** Data rows written so far. */
    public long rowsWritten() {
        return rows;
    }

    /** The text a cell value is written as. */
    public static String format(Object c) {
        if (c == null || c == NULL) {
            return "";
        }
        if (c instanceof Double d) {
            return Double.toString(d);
        }
        if (c instanceof Float f) {
            return Float.toString(f);
        }
        if (c instanceof float[] v) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : " ").append(Float.toString(v[i]));
            }
            return sb.toString();
        }
        if (c instanceof double[] v) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : " ").append(Double.toString(v[i]));
            }
            return sb.toString();
        }
        return c.toString();
    }

    private static final Object NULL = new Object();

    /** List.of rejects nulls: replace them by a marker written as an empty cell. */
    private static Object[] nullSafe(Object[] cells) {
        Object[] out = cells.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = NULL;
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
