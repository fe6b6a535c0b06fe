package org.geocsp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.geocsp.core.io.OutputPreflight;
import org.geocsp.core.table.Header;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.image.ImageEmbedder;
import org.geocsp.core.image.ImageNormalization;
import org.geocsp.core.image.ImagePreprocessor;
import org.geocsp.core.image.TorchScriptBackbone;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp embed-images}: image embeddings from a TorchScript backbone, appended to a table
 * of image paths (the Image Embedder node's command-line twin).
 */
@Command(name = "embed-images", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed the images named in a CSV column with a TorchScript image backbone (DJL, PyTorch engine).",
            "Each image is decoded to RGB, resized so that its short side is --size (Pillow's bilinear filter),"
                    + " centre-cropped to size x size (an image of that size is used unchanged), scaled to [0, 1],"
                    + " normalised with --mean/--std (default ImageNet) and fed as NCHW float32. OUT.csv repeats the"
                    + " input columns and appends f0..fN. Relative paths are resolved against the input CSV's folder."
                    + " Images that cannot be decoded are listed on stderr by row and path and get empty cells"
                    + " (--fail-on-bad-image: exit 2 instead)."})
final class EmbedImagesCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.pt", description = "TorchScript image backbone.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "T.csv", description = "Table with an image-path column.")
    Path input;

    @Option(names = "--path-column", defaultValue = "path", description = "Column of image paths (default ${DEFAULT-VALUE}).")
    String pathColumn;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "Output CSV.")
    Path output;

    @Option(names = "--size")
    int size;

    @Option(names = "--preset", paramLabel = "imagenet|clip|none",
            description = "Normalisation preset (default imagenet unless --mean/--std are given).")
    String preset;

    @Option(names = "--mean", paramLabel = "r,g,b", description = "Per-channel mean (with --std).")
    String mean;

    @Option(names = "--std", paramLabel = "r,g,b", description = "Per-channel standard deviation (with --mean).")
    String std;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--prefix", defaultValue = "f", description = "Names of the appended columns PREFIX0.. (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--fail-on-bad-image", description = "Exit with code 2 at the first image that cannot be decoded.")
    boolean failOnBad;

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().input("--input", input).input("--model", model).outputFile("--output", output).check();
        ImagePreprocessor pre = new ImagePreprocessor(size, ImageNormalization.choose(preset, mean, std, ImageNormalization.OptionNames.CLI));
        Path base = input.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        long[] ok = {0};
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(model,
                GeoRuntime.resolveDevice(DeviceChoice.parse(device)))) {
            ImageEmbedder embedder = new ImageEmbedder(backbone, pre, batchSize);
            int dim = embedder.probeDimension();
            long rows = CsvBatches.transform(input, output, batchSize, "embed-images", new CsvBatches.Handler() {
                int pathIdx;
                int inputColumns;

                @Override
                public List<String> header(Header h) {
                    pathIdx = h.require(pathColumn, "image path (--path-column)");
                    List<String> out = new ArrayList<>(h.names());
                    inputColumns = out.size();
                    for (int k = 0; k < dim; k++) {
                        if (h.indexOf(prefix + k) >= 0) {
                            throw new InvalidInputException("input " + input + " already has a column '" + prefix + k
                                    + "'; choose another --prefix");
                        }
                        out.add(prefix + k);
                    }
                    return out;
                }

                private List<ImageEmbedder.Result> results;

                @Override
                public void read(List<List<String>> chunk, long firstRow, RowProblems rowProblems) throws Exception {
                    List<Path> paths = new ArrayList<>(chunk.size());
                    for (List<String> rec : chunk) {
                        String p = pathIdx < rec.size() ? rec.get(pathIdx).strip() : "";
                        paths.add(p.isEmpty() ? null : base.resolve(p));
                    }
                    results = embedder.embed(paths, firstRow, () -> false);
                    for (ImageEmbedder.Result r : results) {
                        if (!r.ok() && failOnBad) {
                            throw new InvalidInputException("input " + input + ", " + r.message());
                        }
                    }
                }

                @Override
                public void write(List<List<String>> chunk, long firstRow, CSVPrinter out) throws Exception {
                    for (int i = 0; i < chunk.size(); i++) {
                        ImageEmbedder.Result r = results.get(i);
                        if (!r.ok()) {
                            problems.add(r.message());
                        } else {
                            ok[0]++;
                        }
                        List<Object> cells = new ArrayList<>(chunk.get(i));
                        while (cells.size() < inputColumns) {
                            cells.add("");
                        }
                        for (int k = 0; k < dim; k++) {
                            cells.add(r.ok() ? Float.toString(r.embedding()[k]) : "");
                        }
                        out.printRecord(cells);
                    }
                }
            });
            for (int i = 0; i < Math.min(problems.size(), 20); i++) {
                spec.commandLine().getErr().println("geocsp embed-images: no embedding for " + problems.get(i));
            }
            if (problems.size() > 20) {
                spec.commandLine().getErr().println("geocsp embed-images: ... and " + (problems.size() - 20) + " more rows without embedding");
            }
            spec.commandLine().getErr().println("geocsp embed-images: " + rows + " rows, " + ok[0] + " embedded (" + dim + " values each), "
                    + problems.size() + " without embedding -> " + output);
        }
        return 0;
    }
}
