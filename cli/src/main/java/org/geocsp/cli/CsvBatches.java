package org.geocsp.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.geocsp.cli.io.CsvInput;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.table.Header;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.table.RowValidator;

/**
 * Streams a CSV table with a header through a row-wise computation, in batches, into a new CSV:
 * only one batch is in memory, progress is shown per row, and the output appears only when
 * complete ({@link AtomicFiles}: a unique hidden temporary file beside {@code OUT}, renamed over
 * it at the end, deleted on failure or Ctrl-C). The output is in {@link CsvTableWriter#FORMAT}.
 *
 * <p>The input is read by {@link CsvInput} (core's cell and column-name rules). Row problems
 * (a row with another number of cells than the header, bad cells found by the handler) are
 * collected for the whole file with counts and examples; once there is one, no more output is
 * computed and the file is refused at the end, naming every problem.
 */
final class CsvBatches {

    /** What a command does with the table. */
    interface Handler {
        /** The output header, from the input's (called once, before any batch). */
        List<String> header(Header input) throws Exception;

        /**
         * Reads the cells of one batch, recording bad cells in {@code problems} (the rows are
         * consecutive and have the header's number of cells; called for every batch, also after a
         * problem, so that every problem of the file is reported).
         *
         * @param firstRow the 1-based data-row number of {@code batch.get(0)}, for messages
         */
        void read(List<List<String>> batch, long firstRow, RowProblems problems) throws Exception;

        /** Writes the output rows of the batch last read (only while there is no problem). */
        void write(List<List<String>> batch, long firstRow, CSVPrinter out) throws Exception;
    }

    private CsvBatches() {}

    /**
     * Runs {@code handler} over {@code input} and writes {@code output} atomically.
     *
     * @param progressName the name on the progress bar
     * @return the number of data rows read
     */
    static long transform(Path input, Path output, int batchSize, String progressName, Handler handler)
            throws Exception {
        long[] rows = {0};
        try {
            AtomicFiles.write(output, os -> {
                try (CsvInput in = CsvInput.open(input);
                        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, CsvTableWriter.CHARSET));
                        CSVPrinter out = new CSVPrinter(w, CsvTableWriter.FORMAT)) {
                    int columns = in.header().size();
                    out.printRecord(handler.header(in.header()));
                    RowProblems problems = new RowProblems(in.where());
                    RowProgress progress = new RowProgress(progressName);
                    List<List<String>> chunk = new ArrayList<>(batchSize);
                    List<String> r = in.next();
                    while (r != null) {
                        // a batch is a run of consecutive rows with the header's number of cells
                        chunk.clear();
                        long first = -1;
                        while (chunk.size() < batchSize && r != null) {
                            boolean complete = RowValidator.cellCount(r.size(), columns, "row " + in.row(), problems);
                            if (complete) {
                                first = first < 0 ? in.row() : first;
                                chunk.add(r);
                            }
                            r = in.next();
                            if (!complete && !chunk.isEmpty()) {
                                break;
                            }
                        }
                        if (chunk.isEmpty()) {
                            continue;
                        }
                        rows[0] += chunk.size();
                        handler.read(chunk, first, problems); // every row is checked, also after a problem
                        if (problems.isEmpty()) {
                            handler.write(chunk, first, out);
                        }
                        progress.add(chunk.size());
                    }
                    progress.close();
                    problems.throwIfAny();
                } catch (java.io.IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Wrapped(e);
                }
            });
        } catch (Wrapped w) {
            throw w.getCause() instanceof Exception e ? e : w;
        }
        return rows[0];
    }

    /** Carries a checked handler exception through {@link AtomicFiles.Body}. */
    private static final class Wrapped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Wrapped(Exception cause) {
            super(cause);
        }
    }
}
