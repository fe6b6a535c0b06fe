package org.geocsp.cli.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.table.EmbeddingLayout;
import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.Header;
import org.geocsp.core.table.MissingValuePolicy;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.TableSchema;
import org.geocsp.core.table.TextRow;

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
 * <p>The file is read by {@link CsvInput}; columns are found and rows validated by core's table
 * rules ({@link Header}, {@link RowValidator}): errors name the file, column and 1-based data row
 * (the header is not counted) and are collected for the whole file with counts and examples. Rows
 * with a missing value or an invalid longitude/latitude are errors unless
 * {@link #skipInvalidRows(boolean)} is set; then they are left out and counted in the
 * {@link Result}. Other problems (embedding values, short rows) are always errors.
 */
public final class CsvTableReader {


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
        try (CsvInput in = CsvInput.open(file, delimiter)) {
            return read(in);
        }
    }

    private Result read(CsvInput in) throws IOException {
        Header header = in.header();
        List<String> first = in.next();
        if (first == null) {
            throw new InvalidInputException(in.where() + " has a header but no data rows");
        }
        int lon = header.indexOf(lonColumn);
        int lat = header.indexOf(latColumn);
        int label = labelColumn == null ? -1 : header.indexOf(labelColumn);
        int id = idColumn == null ? -1 : header.indexOf(idColumn);
        List<String> missing = new ArrayList<>();
        for (String[] c : new String[][] {{lonColumn, "" + lon}, {latColumn, "" + lat},
            {labelColumn, "" + label}, {idColumn, "" + id},
            {layout == EmbeddingLayout.VECTOR ? embeddingColumn : null,
                layout == EmbeddingLayout.VECTOR ? "" + header.indexOf(embeddingColumn) : ""}}) {
            if (c[0] != null && c[1].equals("-1")) {
                missing.add("'" + c[0] + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(in.where() + " has no column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (columns found: " + header.list() + ")");
        }
        TextRow cells = new TextRow();
        EmbeddingSource emb = layout.resolve(header, embeddingPrefix, embeddingColumn, cells.of(first),
                List.of(lon, lat, label, id), -1);
        TableSchema schema = TableSchema.location(header.size(), lon, header.name(lon), lat, header.name(lat))
                .withEmbedding(emb);
        if (label >= 0) {
            schema = schema.withLabel(label, header.name(label));
        }
        if (id >= 0) {
            schema = schema.withId(id);
        }
        RowValidator v = new RowValidator(in.where(), schema,
                skipInvalidRows ? MissingValuePolicy.SKIP_AND_COUNT : MissingValuePolicy.FAIL, longitudePolicy,
                skipInvalidRows, skipInvalidRows ? null : "--skip-invalid-rows leaves such rows out");
        GeoDataset.Builder builder = null;
        try {
            for (List<String> r = first; r != null; r = in.next()) {
                if (v.validate(in.row(), null, cells.of(r)) && v.problems().isEmpty()) {
                    if (builder == null) {
                        builder = GeoDataset.builder().columnNames(schema.lonName(), schema.latName())
                                .longitudePolicy(longitudePolicy);
                        if (label >= 0) {
                            builder.withLabels(schema.labelName());
                        }
                        if (id >= 0) {
                            builder.withRowIds();
                        }
                        if (emb != null) {
                            builder.withFeatures(v.width(), featureFolder);
                        }
                    }
                    builder.add(v.lon(), v.lat(), v.label(), v.embedding(), v.id());
                }
            }
            v.finish();
            GeoDataset d = builder.build();
            String description = emb == null ? "none"
                    : emb.packed() ? "column '" + emb.columnNames().get(0) + "' (numbers separated by spaces)"
                    : "columns " + Header.range(embeddingPrefix, emb.columns().length);
            return new Result(d, v.skipped(), v.skippedExamples(), description);
        } finally {
            if (builder != null) {
                builder.close(); // deletes the temporary feature file unless built
            }
        }
    }
}
