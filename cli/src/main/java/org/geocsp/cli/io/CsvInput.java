package org.geocsp.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.table.CellRules;
import org.geocsp.core.table.Header;

/**
 * An input CSV file as every command reads it: UTF-8 (a leading byte order mark is ignored;
 * invalid UTF-8 is refused), RFC 4180 quoting, a header row, empty lines ignored. The cell and
 * column-name rules are core's ({@link CellRules}, {@link Header}); this class only turns the file
 * into rows of text cells, and a malformed file into one message naming the file and the data
 * row (the header is not counted). Bytes that are not UTF-8 are found as replacement characters in
 * the row's cells (so a file that holds U+FFFD itself is refused too).
 */
public final class CsvInput implements AutoCloseable {

    private static final char REPLACEMENT = '\uFFFD';

    private final Path file;
    private final String where;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Header header;
    private long row = -1; // the header is row 0

    private CsvInput(Path file, char delimiter) throws IOException {
        this.file = file;
        this.where = "file '" + file + "'";
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(where + " is a folder, not a CSV file");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(where + " does not exist");
        }
        // Invalid bytes become U+FFFD and are reported with the row they are in (a reporting decoder
        // would fail while filling its read-ahead buffer, rows before the bad bytes).
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        try {
            in.mark(1);
            int first = in.read();
            if (first != CellRules.BOM && first != -1) {
                in.reset();
            }
        } catch (CharacterCodingException e) {
            in.close();
            throw notUtf8(0);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        this.parser = CSVParser.parse(in, format);
        this.records = parser.iterator();
        List<String> names = next();
        if (names == null) {
            close();
            throw new InvalidInputException(where + " is empty: expected a header row with the column names");
        }
        this.row = 0;
        this.header = new Header(where, names);
    }

    /** Opens a comma-separated file and reads its header. */
    public static CsvInput open(Path file) throws IOException {
        return new CsvInput(file, ',');
    }

    public static CsvInput open(Path file, char delimiter) throws IOException {
        return new CsvInput(file, delimiter);
    }

    /** How messages name the file: "file 'in.csv'". */
    public String where() {
        return where;
    }

    public Path file() {
        return file;
    }

    public Header header() {
        return header;
    }

    /** The 1-based number of the data row last returned by {@link #next()}. */
    public long row() {
        return row;
    }

    /**
     * The cells of the next data row, or null at the end.
     *
     * @throws InvalidInputException for malformed CSV or text that is not UTF-8, naming the row
     */
    public List<String> next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            row++;
            List<String> cells = r.toList();
            for (String c : cells) {
                if (c.indexOf(REPLACEMENT) >= 0) {
                    throw notUtf8(row);
                }
            }
            return cells;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof CharacterCodingException) {
                throw notUtf8(row + 1);
            }
            if (cause instanceof NoSuchFileException) {
                throw new InvalidInputException(where + " does not exist");
            }
            String m = cause == null || cause.getMessage() == null ? "unreadable" : cause.getMessage();
            throw new InvalidInputException(where + ", " + rowName(row + 1) + ": malformed CSV (" + m.replace('\n', ' ')
                    + "; check the quotes)");
        } catch (IllegalStateException e) {
            throw new InvalidInputException(where + ", " + rowName(row + 1) + ": malformed CSV ("
                    + String.valueOf(e.getMessage()).replace('\n', ' ') + ")");
        }
    }

    private String rowName(long dataRow) {
        return dataRow == 0 ? "header row" : "row " + dataRow;
    }

    private InvalidInputException notUtf8(long dataRow) {
        return new InvalidInputException(where + ", " + rowName(dataRow)
                + ": the text is not valid UTF-8 (CSV files must be UTF-8 encoded; save it as UTF-8)");
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
