package org.geocsp.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.geocsp.cli.bench.MatmulProbe;
import org.geocsp.cli.bench.MemoryProbe;
import org.geocsp.cli.bench.Throughput;
import org.geocsp.cli.bench.Utilisation;
import org.geocsp.core.image.ImageEmbedder;
import org.geocsp.core.image.ImageNormalization;
import org.geocsp.core.image.ImagePreprocessor;
import org.geocsp.core.image.TorchScriptBackbone;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp bench embed-images}: image-embedding throughput (decode + preprocess, backbone
 * forward, both together) of a TorchScript backbone on generated JPEG photos, next to the backbone's
 * FLOPs per image and an in-process dense-matmul baseline.
 */
@Command(name = "embed-images", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Image embedder throughput in images/s on generated --width x --height JPEGs: decoding and"
                + " preprocessing alone, the backbone's forward pass alone (with its GFLOP/s from --flops), and"
                + " both (what geocsp embed-images does). Default backbone: a bundled 4-layer CNN (0.098 GFLOP per"
                + " 224x224 image, made by scripts/make-tiny-backbone.py). Baseline: dense matmul GFLOP/s.")
final class BenchEmbedImagesCommand implements Callable<Integer> {

    private static final String BUNDLED = "/org/geocsp/cli/bench/bench-backbone";

    @Option(names = "--model", paramLabel = "M.pt", description = "TorchScript backbone (default: the bundled CNN).")
    Path model;

    @Option(names = "--flops", description = "FLOPs per image of --model at --size (2 per multiply-add); known for the"
            + " bundled CNN at 224.")
    Double flops;

    @Option(names = "--size", defaultValue = "224", description = "Input size (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch-size", defaultValue = "16", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--images", defaultValue = "48", description = "Generated photos (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--width", defaultValue = "1024", description = "Photo width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "768", description = "Photo height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--seconds", defaultValue = "4", description = "Measurement budget per part (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path tmp = Files.createTempDirectory("geocsp-bench-images");
        try {
            return run(tmp);
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    private String shareText;

    private int run(Path tmp) throws Exception {
        Path m = model;
        Double f = flops;
        String name;
        if (m == null) {
            m = tmp.resolve("bench-backbone.pt");
            try (InputStream in = BenchEmbedImagesCommand.class.getResourceAsStream(BUNDLED + ".pt")) {
                Files.copy(in, m, StandardCopyOption.REPLACE_EXISTING);
            }
            JsonObject meta;
            try (InputStream in = BenchEmbedImagesCommand.class.getResourceAsStream(BUNDLED + ".json")) {
                meta = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            }
            if (f == null && size == meta.get("input_size").getAsInt()) {
                f = meta.get("flops_per_image").getAsDouble();
            }
            name = "bundled CNN (4 stride-2 3x3 convolutions 3-16-32-64-128, global average pool)";
        } else {
            name = m.toString();
        }
        List<Path> files = photos(tmp);
        Device dev = GeoRuntime.resolveDevice(DeviceChoice.parse(device));
        Utilisation.Baseline baseline;
        try (NDManager mm = GeoRuntime.manager(dev)) {
            baseline = MatmulProbe.baseline(mm, MatmulProbe.DEFAULT_SIZE, 2.0);
        }
        double matmul = baseline.gflops();
        Map<String, Object> out = new LinkedHashMap<>();
        ImagePreprocessor pre = new ImagePreprocessor(size, ImageNormalization.IMAGENET);
        float[] one = new float[pre.valuesPerImage()];
        int[] next = {0};
        Throughput.Measurement prep = Throughput.measure(() -> {
            pre.load(files.get(next[0]++ % files.size()), one, 0);
        }, 1, seconds);
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(m, dev)) {
            float[] batch = new float[batchSize * pre.valuesPerImage()];
            for (int i = 0; i < batchSize; i++) {
                pre.load(files.get(i % files.size()), batch, i * pre.valuesPerImage());
            }
            int dim = backbone.embed(batch, 1, size)[0].length;
            Throughput.Measurement fwd = Throughput.measure(() -> backbone.embed(batch, batchSize, size), batchSize,
                    seconds);
            ImageEmbedder embedder = new ImageEmbedder(backbone, pre, batchSize);
            Throughput.Measurement all = Throughput.measure(() -> embedder.embed(files, 1, () -> false), files.size(),
                    seconds, 3);
            out.put("backbone", name);
            out.put("device", Utilisation.name(backbone.device()));
            out.put("matmul_device", Utilisation.name(baseline.device()));
            out.put("embedding_dim", dim);
            out.put("size", size);
            out.put("photo", width + "x" + height + " JPEG");
            out.put("batch_size", batchSize);
            out.put("preprocess_images_per_s", prep.medianPerSecond());
            out.put("forward_images_per_s", fwd.medianPerSecond());
            out.put("end_to_end_images_per_s", all.medianPerSecond());
            out.put("flops_per_image", f);
            out.put("forward_gflops", f == null ? null : fwd.medianPerSecond() * f / 1e9);
            out.put("matmul_gflops", matmul);
            Utilisation.Result share = f == null ? new Utilisation.Result(Double.NaN, "FLOPs per image unknown (--flops)")
                    : Utilisation.of(fwd.medianPerSecond() * f, backbone.device(), baseline);
            share.putInto(out, "forward_vs_matmul");
            shareText = share.text();
            out.put("peak_rss_mb", MemoryProbe.mib(MemoryProbe.peakRssBytes()));
        }
        if (json) {
            System.out.println(new GsonBuilder().serializeNulls().create().toJson(out));
        } else {
            System.out.println(String.format(Locale.ROOT,
                    "image embedding on %s, %s%n  backbone: %s -> %d values%n"
                            + "  FLOPs per image: %s%n"
                            + "  decode + preprocess (1 thread):    %8.1f images/s%n"
                            + "  backbone forward, batch %-4d:      %8.1f images/s%s%n"
                            + "  end to end (geocsp embed-images):  %8.1f images/s%n"
                            + "  matmul baseline %.1f GFLOP/s on %s; peak RSS %.0f MiB",
                    out.get("device"), out.get("photo") + " -> " + size + "x" + size, name, out.get("embedding_dim"),
                    f == null ? "unknown (give --flops)" : String.format(Locale.ROOT, "%.3f GFLOP", f / 1e9),
                    out.get("preprocess_images_per_s"), batchSize, out.get("forward_images_per_s"),
                    f == null ? "" : String.format(Locale.ROOT, " (%.1f GFLOP/s; x matmul: %s)",
                            out.get("forward_gflops"), shareText),
                    out.get("end_to_end_images_per_s"), matmul, out.get("matmul_device"), out.get("peak_rss_mb")));
        }
        return 0;
    }

    /** Photo-like JPEGs: smooth colour fields plus noise (so the decoder has real work). */
    private List<Path> photos(Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(17);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            double fx = 2 + r.nextDouble() * 6;
            double fy = 2 + r.nextDouble() * 6;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double u = Math.sin(fx * x / width * Math.PI) * Math.cos(fy * y / height * Math.PI);
                    int n = r.nextInt(24);
                    int red = clamp(128 + 100 * u + n);
                    int green = clamp(128 - 80 * u + n);
                    int blue = clamp(90 + 60 * Math.sin((x + y) * 0.01 + i) + n);
                    img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                }
            }
            Path p = dir.resolve(String.format(Locale.ROOT, "photo%03d.jpg", i));
            ImageIO.write(img, "jpg", p.toFile());
            files.add(p);
        }
        return files;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, v));
    }
}
