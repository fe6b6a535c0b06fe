package org.geocsp.bench.chart;

import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.predict.GridField;
import org.geocsp.core.predict.MapRenderer;

/** Run in a child JVM by {@link HeadlessRenderingTest}: draws every picture kind into {@code args[0]}. */
public final class HeadlessProbe {

    private HeadlessProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String first = args.length > 1 ? args[1] : "map";
        // The first picture kind drawn is the one that first touches AWT; the test varies it.
        for (String kind : first.equals("map") ? List.of("map", "quality", "loss") : List.of(first, "map")) {
            switch (kind) {
                case "map" -> MapRenderer.builder().title("probe").probabilityRange().mapWidth(200).build()
                    .writePng(new GridField(2, 1, new double[] {0.2, 0.8}), dir.resolve("map.png"));
                case "quality" -> QualityChart.of(List.of(new QualityResult("country", 0.1, "CSP", 0.4, 0.5),
                    new QualityResult("country", 1.0, "CSP", 0.6, 0.7))).writePng(dir.resolve("quality.png"), 400, 300);
                case "loss" -> LossCurveChart.of("probe", List.of(new EpochLosses(1, 2.0, 2.5), new EpochLosses(2, 1.0, 1.5)))
                    .writePng(dir.resolve("loss.png"), 400, 300);
                default -> throw new IllegalArgumentException(kind);
            }
        }
    }
}
