package org.geocsp.core.table;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;

/**
 * The one validator of input rows, shared by the command line and the KNIME nodes. Per row it
 * reads longitude and latitude (degrees), the label, the row id and the image embedding from the
 * front end's {@link RowCells} and applies the same rules everywhere:
 * <ul>
 *   <li>a row with another number of cells than the header is a problem (never a short output row);</li>
 *   <li>a missing value (empty cell, missing cell; an embedding with every cell missing) fails or
 *       skips the row, as the {@link MissingValuePolicy} says;</li>
 *   <li>a coordinate that is not a number or {@code NaN} written as a value is a problem under its own
 *       column, and so is one that breaks the rule of {@link Coordinates} (infinite; out of range:
 *       [-90, 90] latitude, [-180, 180] longitude unless wrapped); skipped instead when invalid
 *       locations are skipped;</li>
 *   <li>embedding values follow {@link VectorCells} (finite float32 after the cast, all or none, one
 *       width).</li>
 * </ul>
 * Problems are collected, with counts and examples, for the whole table; {@link #finish()} throws
 * one {@link InvalidInputException} listing them, or says that the table has no rows, or that every
 * row was skipped.
 */
public final class RowValidator {

    private final TableSchema schema;
    private final MissingValuePolicy missingPolicy;
    private final LongitudePolicy longitudePolicy;
    private final boolean skipInvalidLocations;
    private final String missingHint;
    private final RowProblems problems;
    private long rows;
    private long kept;
    private long skipped;
    private final List<String> skippedExamples = new ArrayList<>();
    private int width;
    private String widthRow;

    private double lon;
    private double lat;
    private String label;
    private String id;
    private float[] embedding;

    /**
     * @param where how messages name the table ("file 'in.csv'", "the input table")
     * @param missingHint added to the message about missing values (how to skip them), or null
     * @param skipInvalidLocations also skip (and count) rows with an invalid location instead of failing
     */
    public RowValidator(String where, TableSchema schema, MissingValuePolicy missingPolicy,
            LongitudePolicy longitudePolicy, boolean skipInvalidLocations, String missingHint) {
        this.schema = schema;
        this.missingPolicy = missingPolicy;
        this.longitudePolicy = longitudePolicy;
        this.skipInvalidLocations = skipInvalidLocations;
        this.missingHint = missingHint;
        this.problems = new RowProblems(where);
        this.width = schema.embedding() == null ? 0 : Math.max(schema.embedding().width(), -1);
    }

    public TableSchema schema() {
        return schema;
    }

    /**
     * Validates one row; on true its values are in {@link #lon()}, {@link #lat()}, {@link #label()},
     * {@link #id()} and {@link #embedding()} until the next call.
     *
     * @param row the 1-based data row
     * @param key the front end's row key (KNIME), or null
     * @return whether the row is kept (false: skipped or a problem)
     */
    public boolean validate(long row, String key, RowCells cells) {
        rows++;
        String where = RowProblems.rowLabel(row, key);
        long before = problems.count();
        if (!cellCount(cells.size(), schema.columnCount(), where, problems)) {
            return false;
        }
        String missing = null;
        String invalidLocation = null;
        RowProblems locationProblems = skipInvalidLocations ? new RowProblems("") : problems;
        lon = coordinate(cells, schema.lon(), schema.lonName(), true, where, locationProblems);
        lat = coordinate(cells, schema.lat(), schema.latName(), false, where, locationProblems);
        if (Double.isNaN(lon) && cells.isMissing(schema.lon())) {
            missing = schema.lonName();
        } else if (Double.isNaN(lat) && cells.isMissing(schema.lat())) {
            missing = schema.latName();
        }
        if (skipInvalidLocations && !locationProblems.isEmpty()) {
            invalidLocation = locationProblems.firstExample();
        }
        label = null;
        if (schema.label() >= 0) {
            if (cells.isMissing(schema.label())) {
                missing = missing == null ? schema.labelName() : missing;
            } else {
                label = cells.text(schema.label());
            }
        }
        id = schema.id() >= 0 ? (cells.isMissing(schema.id()) ? "" : cells.text(schema.id())) : null;
        embedding = null;
        if (schema.embedding() != null) {
            float[] e = VectorCells.read(cells, schema.embedding(), schema.embedding().width(), "image-embedding value",
                    where, problems);
            if (e == VectorCells.MISSING) {
                missing = missing == null ? schema.embedding().describe() : missing;
            } else if (e != null) {
                if (width <= 0) {
                    width = e.length;
                    widthRow = where;
                } else if (e.length != width) {
                    problems.add(schema.embedding().columnOf(0), "whose image embedding has another width", where,
                            "the image embedding has " + e.length + " values but " + widthRow + " has " + width);
                }
                embedding = e;
            }
        }
        if (problems.count() > before) {
            return false;
        }
        if (missing != null && missingPolicy == MissingValuePolicy.FAIL) {
            problems.add(missing.startsWith("the ") ? null : missing, "with a missing value", where,
                    (missing.startsWith("the ") ? missing + " are empty" : "the value is missing")
                            + (missingHint == null ? "" : " (" + missingHint + ")"));
            return false;
        }
        if (missing != null || invalidLocation != null) {
            skipped++;
            if (skippedExamples.size() < RowProblems.EXAMPLES) {
                skippedExamples.add(invalidLocation != null && missing == null ? invalidLocation
                        : where + ": " + (missing.startsWith("the ") ? missing + " are" : "column '" + missing + "' is")
                                + " empty");
            }
            return false;
        }
        kept++;
        return true;
    }

    /**
     * The rule for the number of cells of a row: exactly the header's (a short or long row is a
     * problem naming the row, never a row with shifted or missing output cells).
     *
     * @param columnCount the header's column count, or -1 when rows cannot differ (KNIME)
     * @return whether the row has the right number of cells
     */
    public static boolean cellCount(int cells, int columnCount, String row, RowProblems problems) {
        if (columnCount < 0 || cells == columnCount) {
            return true;
        }
        problems.add(null, "with another number of cells than the header's " + columnCount + " columns", row,
                "the row has " + cells + " cell" + (cells == 1 ? "" : "s") + " but the header has " + columnCount
                        + " columns");
        return false;
    }

    /**
     * An optional number cell (a location of a row to predict): NaN when the cell is missing; a
     * cell that is not a number is a problem naming the column and row (NaN after it).
     */
    public static double optionalNumber(RowCells cells, int column, String name, String row, RowProblems problems) {
        if (cells.isMissing(column)) {
            return Double.NaN;
        }
        try {
            return cells.number(column);
        } catch (CellException e) {
            problems.add(name, "that are not numbers", row, e.getMessage() + " (leave the cell empty for a missing value)");
            return Double.NaN;
        }
    }

    /** NaN after a problem or for a missing cell (the caller tells them apart). */
    private double coordinate(RowCells cells, int col, String name, boolean longitude, String where, RowProblems p) {
        if (cells.isMissing(col)) {
            return Double.NaN;
        }
        String what = longitude ? "longitude" : "latitude";
        double x;
        try {
            x = cells.number(col);
        } catch (CellException e) {
            p.add(name, "whose " + what + " is not a number", where, e.getMessage());
            return Double.NaN;
        }
        if (Double.isNaN(x)) {
            p.add(name, "whose " + what + " is NaN", where, "NaN is not a valid " + what
                    + " (leave the cell empty for a missing value)");
            return Double.NaN;
        }
        return longitude ? Coordinates.longitude(x, name, where, longitudePolicy, p)
                : Coordinates.latitude(x, name, where, p);
    }

    public double lon() {
        return lon;
    }

    public double lat() {
        return lat;
    }

    /** The label text, or null without a label column. */
    public String label() {
        return label;
    }

    /** The row id, or null without an id column. */
    public String id() {
        return id;
    }

    /** The image embedding (float32), or null without one. */
    public float[] embedding() {
        return embedding;
    }

    /** The embedding width: known from the source or the first valid row; 0 before (or without one). */
    public int width() {
        return Math.max(width, 0);
    }

    /** The problems so far (e.g. to stop computing on a table that will be refused). */
    public RowProblems problems() {
        return problems;
    }

    public long rows() {
        return rows;
    }

    public long kept() {
        return kept;
    }

    public long skipped() {
        return skipped;
    }

    /** A few skipped rows with the reason, e.g. "row 3: column 'lat' is empty". */
    public List<String> skippedExamples() {
        return List.copyOf(skippedExamples);
    }

    /**
     * Ends the read.
     *
     * @throws InvalidInputException listing every problem; or saying that the table has no rows; or
     *     that no row has all values present (every row was skipped)
     */
    public void finish() {
        problems.throwIfAny();
        if (rows == 0) {
            throw new InvalidInputException(problems.where() + " has no rows");
        }
        if (kept == 0) {
            throw new InvalidInputException(problems.where() + ": none of its " + rows + " row" + (rows == 1 ? "" : "s")
                    + " has all values present and valid; all were skipped (e.g. " + String.join("; ", skippedExamples)
                    + ")");
        }
    }

    /** "skipped 3 rows with missing or invalid values (row 2: ...; ...)", or "" when none was skipped. */
    public String skippedSummary() {
        if (skipped == 0) {
            return "";
        }
        return "skipped " + skipped + " row" + (skipped == 1 ? "" : "s") + " with missing or invalid values ("
                + String.join("; ", skippedExamples) + (skipped > skippedExamples.size() ? "; ..." : "") + ")";
    }
}
