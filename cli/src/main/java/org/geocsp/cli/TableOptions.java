package org.geocsp.cli;

import java.nio.file.Path;
import org.geocsp.cli.io.CsvTableReader;
import org.geocsp.core.geo.LongitudePolicy;
import picocli.CommandLine.Option;

/** How an input CSV is read: coordinate and embedding columns, invalid rows. */
final class TableOptions {

    @Option(names = "--lon-column", defaultValue = "lon", description = "Longitude column, degrees (default ${DEFAULT-VALUE}).")
    String lonColumn;

    @Option(names = "--lat-column", defaultValue = "lat", description = "Latitude column, degrees (default ${DEFAULT-VALUE}).")
    String latColumn;

    @Option(names = "--embedding-prefix", defaultValue = "f", description = "Image-embedding columns are PREFIX0..PREFIXn (default ${DEFAULT-VALUE}).")
    String embeddingPrefix;

    @Option(names = "--embedding-column", description = "One column holding the image embedding as space-separated numbers.")
    String embeddingColumn;

    @Option(names = "--skip-invalid-rows", description = "Skip rows with missing or invalid coordinates (they are counted and reported) instead of failing.")
    boolean skipInvalidRows;

    @Option(names = "--wrap-longitude", description = "Wrap longitudes outside [-180, 180] instead of rejecting the row.")
    boolean wrapLongitude;

    @Option(names = "--work-dir", description = "Folder for the memory-mapped embedding store (default: the system temp folder).")
    Path workDir;

    /** A reader for these options; {@code withEmbedding} false ignores embedding columns. */
    CsvTableReader reader(boolean withEmbedding) {
        CsvTableReader r = new CsvTableReader().lonLatColumns(lonColumn, latColumn).skipInvalidRows(skipInvalidRows)
                .longitudePolicy(wrapLongitude ? LongitudePolicy.WRAP : LongitudePolicy.REJECT);
        if (workDir != null) {
            r.featureFolder(workDir);
        }
        if (!withEmbedding) {
            return r.noEmbedding();
        }
        return embeddingColumn != null ? r.embeddingVector(embeddingColumn) : r.autoEmbedding(embeddingPrefix);
    }
}
