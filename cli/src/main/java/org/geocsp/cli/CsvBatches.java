package org.geocsp.cli;

import java.io.BufferedWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV table with a header through a row-wise computation, in batches, into a new CSV:
 * only one batch is in memory, progress is shown per row, and the output appears only when
 * complete (written to {@code OUT.part}, then moved over {@code OUT}; removed on failure).
 */
final class CsvBatches {

    /** What a command does with the table. */
    interface Handler {
        /** The output header, from the input's (called once, before any batch). */
        List<String> header(CSVParser input) throws Exception;

        /**
         * Writes the output rows of one batch.
         *
         * @param firstRow the 1-based data-row number of {@code batch.get(0)}, for messages
         */
        void batch(List<CSVRecord> batch, long firstRow, CSVPrinter out) throws Exception;
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
        Path tmp = output.resolveSibling(output.getFileName() + ".part");
        long rows = 0;
        try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
                BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            out.printRecord(handler.header(parser));
            Iterator<CSVRecord> it = parser.iterator();
            RowProgress progress = new RowProgress(progressName);
            List<CSVRecord> chunk = new ArrayList<>(batchSize);
            while (it.hasNext()) {
                chunk.clear();
                while (chunk.size() < batchSize && it.hasNext()) {
                    chunk.add(it.next());
                }
                handler.batch(chunk, rows + 1, out);
                rows += chunk.size();
                progress.add(chunk.size());
            }
            progress.close();
        } catch (Exception e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return rows;
    }
}
