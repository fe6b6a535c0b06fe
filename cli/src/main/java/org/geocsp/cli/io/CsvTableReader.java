package org.geocsp.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;

/**
 * Reads a CSV file with a header row into a {@link GeoDataset}, streaming: embeddings go
 * straight into the dataset's memory-mapped feature store, so files larger than the heap work.
 *
 * <p>Columns: longitude and latitude in degrees (names configurable, default {@code lon},
 * {@code lat}), an optional label column (any text; classes numbered in order of first
 * appearance), an optional row id column, and an optional image embedding, either
 * <ul>
 *   <li>{@link EmbeddingLayout#COLUMNS}: one column per value named prefix + index
 *       ({@code f0, f1, ..., fN-1} by default; any header order, numbering must be complete), or</li>
 *   <li>{@link EmbeddingLayout#VECTOR}: one column whose cells hold the values separated by
 *       spaces (commas and surrounding brackets are tolerated), or</li>
 *   <li>{@link EmbeddingLayout#AUTO} (default): prefix columns if the header has any, else the
 *       one other column whose first data cell is a list of at least 2 numbers, else none.</li>
 * </ul>
 *
 * <p>Errors name the file, column and 1-based data row (the header is not counted), and are
 * collected: one {@link InvalidInputException} lists up to {@value #MAX_PROBLEMS} problems.
 * Rows with a missing or invalid longitude/latitude or a missing label are errors unless
 * {@link #skipInvalidRows(boolean)} is set; then they are left out and counted in the
 * {@link Result}. Embedding problems are always errors.
 */
public final class CsvTableReader {

    /** How the image embedding is stored in the file. */
    public enum EmbeddingLayout {
        NONE,
        AUTO,
        COLUMNS,
        VECTOR
    }

    static final int MAX_PROBLEMS = 20;
    private static final int SKIP_EXAMPLES = 5;
    private static final Pattern VECTOR_SEPARATOR = Pattern.compile("[\\s,;]+");

    private String lonColumn = "lon";
    private String latColumn = "lat";
    private String labelColumn;
    private String idColumn;
    private EmbeddingLayout layout = EmbeddingLayout.AUTO;
    private String embeddingPrefix = "f";
    private String embeddingColumn;
    private char delimiter = ',';
    private boolean skipInvalidRows;
    private LongitudePolicy longitudePolicy = LongitudePolicy.REJECT;
    private Path featureFolder;

    public CsvTableReader lonLatColumns(String lon, String lat) {
        this.lonColumn = lon;
        this.latColumn = lat;
        return this;
    }

    /** The label column, or null for none (default). */
    public CsvTableReader labelColumn(String column) {
        this.labelColumn = column;
        return this;
    }

    /** The row id column, or null for none (default). */
    public CsvTableReader idColumn(String column) {
        this.idColumn = column;
        return this;
    }

    /** No embedding is read. */
    public CsvTableReader noEmbedding() {
        this.layout = EmbeddingLayout.NONE;
        return this;
    }

    /** Detect the embedding (default); {@code prefix} names the per-value columns to look for. */
    public CsvTableReader autoEmbedding(String prefix) {
        this.layout = EmbeddingLayout.AUTO;
        this.embeddingPrefix = prefix;
        return this;
    }

    /** The embedding is in columns prefix0, prefix1, ... (required). */
    public CsvTableReader embeddingColumns(String prefix) {
        this.layout = EmbeddingLayout.COLUMNS;
        this.embeddingPrefix = prefix;
        return this;
    }

    /** The embedding is one column of space-separated numbers (required). */
    public CsvTableReader embeddingVector(String column) {
        this.layout = EmbeddingLayout.VECTOR;
        this.embeddingColumn = column;
        return this;
    }

    public CsvTableReader delimiter(char d) {
        this.delimiter = d;
        return this;
    }

    /** Leave out rows with missing/invalid coordinates or a missing label instead of failing. */
    public CsvTableReader skipInvalidRows(boolean skip) {
        this.skipInvalidRows = skip;
        return this;
    }

    public CsvTableReader longitudePolicy(LongitudePolicy policy) {
        this.longitudePolicy = policy;
        return this;
    }

    /** Folder for the temporary feature file (default: the system temp folder). */
    public CsvTableReader featureFolder(Path folder) {
        this.featureFolder = folder;
        return this;
    }

    /**
     * What was read. {@code embedding} describes the embedding source ("none" if absent);
     * {@code skippedExamples} quotes a few skipped rows with the reason.
     */
    public record Result(GeoDataset dataset, long skippedRows, List<String> skippedExamples, String embedding) {
        /** One line for the user, e.g. "read 980 rows, skipped 20 invalid rows (row 3: ...)". */
        public String summary() {
            String s = "read " + dataset.size() + " rows";
            if (skippedRows > 0) {
                s += ", skipped " + skippedRows + " invalid row" + (skippedRows == 1 ? "" : "s") + " ("
                        + String.join("; ", skippedExamples) + (skippedRows > skippedExamples.size() ? "; ..." : "") + ")";
            }
            return s + "; embedding: " + embedding;
        }
    }

    /** Reads the file (UTF-8, a leading byte order mark is ignored). */
    public Result read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            return new Run(file, parser.iterator()).read();
        }
    }

    /** State of one read. */
    private final class Run {
        final String where;
        final Iterator<CSVRecord> records;
        final List<String> problems = new ArrayList<>();
        long problemCount;
        List<String> header;
        int lonIdx;
        int latIdx;
        int labelIdx = -1;
        int idIdx = -1;
        int[] embeddingIdx; // COLUMNS: cell index of value k
        int vectorIdx = -1;
        String embeddingDescription = "none";
        int dim = -1;
        long dimRow;
        GeoDataset.Builder builder;
        long skipped;
        final List<String> skippedExamples = new ArrayList<>();

        Run(Path file, Iterator<CSVRecord> records) {
            this.where = "file '" + file + "'";
            this.records = records;
        }

        Result read() throws IOException {
            if (!records.hasNext()) {
                throw new InvalidInputException(where + " is empty: expected a header row with the column names");
            }
            header = new ArrayList<>();
            for (String h : records.next()) {
                header.add(header.isEmpty() ? stripBom(h).strip() : h.strip());
            }
            if (!records.hasNext()) {
                throw new InvalidInputException(where + " has a header but no data rows");
            }
            CSVRecord first = records.next();
            resolveColumns(first);
            try {
                processRow(first);
                while (records.hasNext() && problemCount < MAX_PROBLEMS) {
                    processRow(records.next());
                }
                if (problemCount > 0) {
                    List<String> all = new ArrayList<>(problems);
                    if (problemCount >= MAX_PROBLEMS) {
                        all.add("reading stopped after " + MAX_PROBLEMS + " problems");
                    }
                    throw new InvalidInputException(all);
                }
                if (builder == null) {
                    throw new InvalidInputException(where + ": all " + skipped + " data rows were skipped as invalid ("
                            + String.join("; ", skippedExamples) + ")");
                }
                GeoDataset d = builder.build();
                return new Result(d, skipped, List.copyOf(skippedExamples), embeddingDescription);
            } finally {
                if (builder != null) {
                    builder.close(); // deletes the temporary feature file unless built
                }
            }
        }

        void resolveColumns(CSVRecord first) {
            Map<String, Integer> index = new LinkedHashMap<>();
            List<String> duplicated = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (index.putIfAbsent(header.get(i), i) != null) {
                    duplicated.add(header.get(i));
                }
            }
            List<String> missing = new ArrayList<>();
            lonIdx = find(index, lonColumn, missing, duplicated);
            latIdx = find(index, latColumn, missing, duplicated);
            if (labelColumn != null) {
                labelIdx = find(index, labelColumn, missing, duplicated);
            }
            if (idColumn != null) {
                idIdx = find(index, idColumn, missing, duplicated);
            }
            if (layout == EmbeddingLayout.VECTOR) {
                vectorIdx = find(index, embeddingColumn, missing, duplicated);
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException(where + " has no column" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + " (columns found: " + String.join(", ", header) + ")");
            }
            if (layout == EmbeddingLayout.COLUMNS || layout == EmbeddingLayout.AUTO) {
                resolvePrefixColumns(duplicated);
            }
            if (layout == EmbeddingLayout.AUTO && embeddingIdx == null) {
                detectVector(first);
            }
            if (vectorIdx >= 0) {
                embeddingDescription = "column '" + header.get(vectorIdx) + "' (numbers separated by spaces)";
            }
        }

        int find(Map<String, Integer> index, String name, List<String> missing, List<String> duplicated) {
            Integer i = index.get(name);
            if (i == null) {
                missing.add("'" + name + "'");
                return -1;
            }
            if (duplicated.contains(name)) {
                throw new InvalidInputException(where + " has more than one column named '" + name + "'");
            }
            return i;
        }

        void resolvePrefixColumns(List<String> duplicated) {
            Pattern p = Pattern.compile(Pattern.quote(embeddingPrefix) + "(\\d+)");
            TreeMap<Integer, Integer> byNumber = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                Matcher m = p.matcher(header.get(i));
                if (m.matches()) {
                    int k;
                    try {
                        k = Integer.parseInt(m.group(1));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(where + ": embedding column '" + header.get(i) + "' has a too large number");
                    }
                    Integer prev = byNumber.putIfAbsent(k, i);
                    if (prev != null) {
                        throw new InvalidInputException(where + ": embedding columns '" + header.get(prev) + "' and '"
                                + header.get(i) + "' both have number " + k);
                    }
                }
            }
            if (byNumber.isEmpty()) {
                if (layout == EmbeddingLayout.COLUMNS) {
                    throw new InvalidInputException(where + " has no embedding columns named '" + embeddingPrefix
                            + "0', '" + embeddingPrefix + "1', ... (columns found: " + String.join(", ", header) + ")");
                }
                return;
            }
            int n = byNumber.lastKey() + 1;
            if (byNumber.size() != n) {
                List<String> gaps = new ArrayList<>();
                for (int k = 0; k < n && gaps.size() < 10; k++) {
                    if (!byNumber.containsKey(k)) {
                        gaps.add("'" + embeddingPrefix + k + "'");
                    }
                }
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s: the embedding columns %s0..%s%d are not numbered contiguously from 0; missing %s%s", where,
                        embeddingPrefix, embeddingPrefix, n - 1, String.join(", ", gaps),
                        n - byNumber.size() > gaps.size() ? ", ..." : ""));
            }
            embeddingIdx = new int[n];
            for (Map.Entry<Integer, Integer> e : byNumber.entrySet()) {
                embeddingIdx[e.getKey()] = e.getValue();
            }
            dim = n;
            embeddingDescription = "columns " + embeddingPrefix + "0.." + embeddingPrefix + (n - 1);
        }

        void detectVector(CSVRecord first) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < Math.min(header.size(), first.size()); i++) {
                if (i == lonIdx || i == latIdx || i == labelIdx || i == idIdx) {
                    continue;
                }
                float[] v = parseVector(first.get(i));
                if (v != null && v.length >= 2) {
                    candidates.add(i);
                }
            }
            if (candidates.size() > 1) {
                List<String> names = new ArrayList<>();
                for (int i : candidates) {
                    names.add("'" + header.get(i) + "'");
                }
                throw new InvalidInputException(where + ": several columns look like an embedding vector ("
                        + String.join(", ", names) + "); choose one");
            }
            if (candidates.size() == 1) {
                vectorIdx = candidates.get(0);
            }
        }

        void processRow(CSVRecord r) throws IOException {
            long row = r.getRecordNumber() - 1; // 1-based data row
            if (r.size() != header.size()) {
                problem(String.format(Locale.ROOT, "%s, row %d has %d cells but the header has %d columns", where, row,
                        r.size(), header.size()));
                return;
            }
            // coordinates and label: skippable
            String skipReason = null;
            double lon = Double.NaN;
            double lat = Double.NaN;
            String coordProblem = null;
            String lonCell = r.get(lonIdx).strip();
            String latCell = r.get(latIdx).strip();
            if (lonCell.isEmpty() || latCell.isEmpty()) {
                coordProblem = "column '" + (lonCell.isEmpty() ? lonColumn : latColumn) + "' is empty";
            } else {
                lon = parseNumber(lonCell);
                lat = parseNumber(latCell);
                if (Double.isNaN(lon) && !lonCell.equalsIgnoreCase("nan")) {
                    coordProblem = "column '" + lonColumn + "': '" + lonCell + "' is not a number";
                } else if (Double.isNaN(lat) && !latCell.equalsIgnoreCase("nan")) {
                    coordProblem = "column '" + latColumn + "': '" + latCell + "' is not a number";
                } else if (!Double.isFinite(lon)) {
                    coordProblem = "column '" + lonColumn + "': " + lonCell + " is not a finite longitude";
                } else if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
                    coordProblem = "column '" + latColumn + "': " + latCell + " is outside [-90, 90] (latitude in degrees)";
                } else if ((lon < -180 || lon > 180) && longitudePolicy != LongitudePolicy.WRAP) {
                    coordProblem = "column '" + lonColumn + "': " + lonCell
                            + " is outside [-180, 180] (longitude in degrees)";
                }
            }
            if (coordProblem != null) {
                skipReason = coordProblem;
            }
            String label = null;
            if (labelIdx >= 0) {
                label = r.get(labelIdx).strip();
                if (label.isEmpty() && skipReason == null) {
                    skipReason = "column '" + labelColumn + "' is empty (no label)";
                }
            }
            float[] emb = readEmbedding(r, row);
            if (skipReason != null) {
                if (skipInvalidRows) {
                    skipped++;
                    if (skippedExamples.size() < SKIP_EXAMPLES) {
                        skippedExamples.add("row " + row + ": " + skipReason);
                    }
                } else {
                    problem(where + ", row " + row + ", " + skipReason);
                }
                return;
            }
            if (problemCount > 0 || (dim > 0 && emb == null)) {
                return; // the read will fail: only keep collecting problems
            }
            String id = idIdx >= 0 ? r.get(idIdx) : null;
            builder().add(lon, lat, label, emb, id);
        }

        float[] readEmbedding(CSVRecord r, long row) {
            if (embeddingIdx != null) {
                float[] v = new float[embeddingIdx.length];
                for (int k = 0; k < v.length; k++) {
                    String cell = r.get(embeddingIdx[k]).strip();
                    double x = parseNumber(cell);
                    if (!Double.isFinite(x)) {
                        problem(String.format(Locale.ROOT, "%s, column '%s', row %d: %s", where, header.get(embeddingIdx[k]),
                                row, cell.isEmpty() ? "the embedding value is empty" : "'" + cell + "' is not a finite number"));
                        return null;
                    }
                    v[k] = (float) x;
                }
                return v;
            }
            if (vectorIdx >= 0) {
                String cell = r.get(vectorIdx);
                float[] v = parseVector(cell);
                String column = header.get(vectorIdx);
                if (v == null) {
                    problem(String.format(Locale.ROOT, "%s, column '%s', row %d: '%s' is not a list of finite numbers",
                            where, column, row, abbreviate(cell.strip())));
                    return null;
                }
                if (dim < 0) {
                    dim = v.length;
                    dimRow = row;
                } else if (v.length != dim) {
                    problem(String.format(Locale.ROOT,
                            "%s, column '%s', row %d: the embedding has %d values but row %d has %d (ragged widths)",
                            where, column, row, v.length, dimRow, dim));
                    return null;
                }
                return v;
            }
            return null;
        }

        GeoDataset.Builder builder() throws IOException {
            if (builder == null) {
                GeoDataset.Builder b = GeoDataset.builder().columnNames(lonColumn, latColumn)
                        .longitudePolicy(longitudePolicy);
                if (labelIdx >= 0) {
                    b.withLabels(labelColumn);
                }
                if (idIdx >= 0) {
                    b.withRowIds();
                }
                if (dim > 0) {
                    b.withFeatures(dim, featureFolder);
                }
                builder = b;
            }
            return builder;
        }

        void problem(String p) {
            problemCount++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            }
        }
    }

    /** NaN for text that is not a number (and for "NaN" itself). */
    static double parseNumber(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
            return Double.NaN; // Java's type suffixes are not numbers in a CSV file
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The finite numbers in a vector cell, or null if any token is not one. */
    static float[] parseVector(String cell) {
        String s = cell.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty()) {
            return null;
        }
        String[] tokens = VECTOR_SEPARATOR.split(s);
        float[] v = new float[tokens.length];
        int n = 0;
        for (String t : tokens) {
            if (t.isEmpty()) {
                continue;
            }
            double x = parseNumber(t);
            if (!Double.isFinite(x)) {
                return null;
            }
            v[n++] = (float) x;
        }
        return n == v.length ? v : Arrays.copyOf(v, n);
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
