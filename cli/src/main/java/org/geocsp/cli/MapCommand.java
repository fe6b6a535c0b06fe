package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.ProbabilityMap;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geocsp map}: a PNG of P(class | location) over the globe for one class. */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write an equirectangular PNG map of P(class | location) of a fine-tuned model for one class,"
                + " with Natural Earth country outlines.")
final class MapCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Fine-tuned model file.")
    Path model;

    @Option(names = "--class", required = true, description = "Class label to map.")
    String label;

    @Option(names = "--output", required = true, paramLabel = "map.png", description = "PNG file to write.")
    Path output;

    @Option(names = "--resolution-deg", defaultValue = "1", description = "Grid cell size in degrees (default ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--score-mode", defaultValue = "sigmoid", description = "sigmoid (reference), normalised or softmax (default ${DEFAULT-VALUE}).")
    String scoreMode;

    @Option(names = "--width")
    int width;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().input("--model", model).outputFile("--output", output).check();
        try (GeoModel m = ModelFile.load(model, GeoRuntime.resolveDevice(DeviceChoice.parse(device)))) {
            ProbabilityMap map = ProbabilityMap.builder(m, label).resolutionDeg(resolution)
                    .scoreMode(ScoreMode.parse(scoreMode)).modelName(model.getFileName().toString()).mapWidth(width)
                    .build();
            map.writePng(output);
            System.err.println("geocsp map: " + map.title() + " -> " + output.toAbsolutePath());
        }
        return 0;
    }
}
