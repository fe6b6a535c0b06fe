package org.geocsp.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.geocsp.core.image.PhotoMetadata;
import org.geocsp.core.image.PhotoScan;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.io.OutputPreflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp photos}: a table of the geotagged photos of a folder (the Geotagged Image Reader
 * node's command-line twin).
 */
@Command(name = "photos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read where and when the photos of a folder were taken (EXIF/XMP GPS) into a CSV table.",
            "OUT.csv has one row per photo: path,lon,lat,altitude,time,make,model,width,height (degrees, metres,"
                    + " ISO-8601 time with offset when the photo records one; empty cells where absent). Unreadable"
                    + " files are listed on stderr and do not stop the scan."})
final class PhotosCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The output columns, in order (a stable contract). */
    static final List<String> HEADER = List.of("path", "lon", "lat", "altitude", "time", "make", "model", "width",
            "height");

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder of photos.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "Output CSV.")
    Path output;

    @Option(names = "--pattern", defaultValue = PhotoScan.DEFAULT_PATTERN, paramLabel = "GLOB",
            description = "File-name pattern, case-insensitive (default ${DEFAULT-VALUE}).")
    String pattern;

    @Option(names = "--no-gps", defaultValue = "keep", paramLabel = "keep|drop",
            description = "Photos without GPS position: keep with empty lon,lat or drop (default ${DEFAULT-VALUE}).")
    String noGps;

    @Option(names = "--no-recursive", negatable = false, description = "Only the folder itself, not its sub-folders.")
    boolean flat;

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().input("--input", input).outputFile("--output", output).check();
        PhotoScan.Settings s = new PhotoScan.Settings(input, pattern, !flat, PhotoScan.MissingLocation.parse(noGps));
        RowProgress progress = new RowProgress("photos");
        int[] last = {0};
        PhotoScan.Result r = PhotoScan.scan(s, (done, total, file) -> {
            progress.add(done - last[0]);
            last[0] = done;
        });
        progress.close();
        AtomicFiles.write(output, os -> {
            Writer w = new OutputStreamWriter(os, CsvTableWriter.CHARSET);
            CSVPrinter out = new CSVPrinter(w, CsvTableWriter.FORMAT);
            out.printRecord(HEADER);
            for (PhotoMetadata m : r.photos()) {
                out.printRecord(row(m));
            }
            out.flush();
        });
        List<PhotoScan.Unreadable> bad = r.unreadable();
        for (int i = 0; i < Math.min(bad.size(), 20); i++) {
            spec.commandLine().getErr().println("geocsp photos: unreadable " + bad.get(i).path() + ": " + bad.get(i).reason());
        }
        if (bad.size() > 20) {
            spec.commandLine().getErr().println("geocsp photos: ... and " + (bad.size() - 20) + " more unreadable files");
        }
        spec.commandLine().getErr().println("geocsp photos: " + r.summary() + " -> " + output);
        return 0;
    }

    static List<Object> row(PhotoMetadata m) {
        List<Object> v = new ArrayList<>();
        v.add(m.path().toAbsolutePath().normalize().toString());
        v.add(cell(m.lonDeg()));
        v.add(cell(m.latDeg()));
        v.add(cell(m.altitudeM()));
        v.add(cell(m.time()));
        v.add(cell(m.make()));
        v.add(cell(m.model()));
        v.add(cell(m.width()));
        v.add(cell(m.height()));
        return v;
    }

    private static String cell(Object o) {
        return o == null ? "" : o.toString();
    }
}
