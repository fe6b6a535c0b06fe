package org.geocsp.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geocsp.cli.bench.MatmulProbe;
import org.geocsp.cli.bench.MemoryProbe;
import org.geocsp.cli.bench.Throughput;
import org.geocsp.cli.bench.Utilisation;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.PositionEncoder;
import org.geocsp.core.geo.AreaUniformSampler;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.runtime.GradMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp bench encoders}: forward throughput (locations per second, eval mode, autograd
 * off) of every registered encoder with its default stack, and of its position encoding alone,
 * next to a dense float32 matmul baseline.
 */
@Command(name = "encoders", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forward throughput of every registered encoder: position encoding alone and the full"
                + " location encoder (default stack per encoder; rbf anchors fitted to random locations first),"
                + " in eval mode with autograd off, on one batch of random valid coordinates created once on"
                + " the device. Each figure is the median of " + Throughput.DEFAULT_CHUNKS + " timed chunks"
                + " after a warm-up. Baseline: dense float32 matmul of " + MatmulProbe.DEFAULT_SIZE + "x"
                + MatmulProbe.DEFAULT_SIZE + " matrices in GFLOP/s.",
            "Parameters count every parameter of the model, fixed ones (rbf anchors, rff W and b) included.",
            ""})
final class BenchEncodersCommand implements Callable<Integer> {

    /** The reference encoder of the ratio column. */
    static final String REFERENCE = "Space2Vec-grid";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--seconds")
    double seconds;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--device")
    String device;

    @Option(names = "--seed")
    long seed;

    /** One encoder's result. */
    record Row(String name, int features, long parameters, double peLocationsPerSecond, double locationsPerSecond) {}

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new InvalidInputException("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new InvalidInputException("--seconds must be in (0, 3600], got " + seconds);
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        Device dev = GeoRuntime.resolveDevice(DeviceChoice.parse(device));
        List<Row> rows = new ArrayList<>();
        double matmulGflops;
        try (NDManager manager = GeoRuntime.manager(dev); GradMode noGrad = GradMode.disabled()) {
            matmulGflops = MatmulProbe.gflops(manager, MatmulProbe.DEFAULT_SIZE, seconds);
            if (!json) {
                err.printf(Locale.ROOT, "device %s; float32 matmul %d^3: %.1f GFLOP/s%n", Utilisation.name(dev),
                        MatmulProbe.DEFAULT_SIZE, matmulGflops);
                err.flush();
            }
            NDArray coords = new AreaUniformSampler(seed).sample(manager, batchSize);
            for (String name : EncoderRegistry.names()) {
                Row r = measure(name, coords, dev);
                rows.add(r);
                if (!json) {
                    err.printf(Locale.ROOT, "  %s: %.0f loc/s%n", name, r.locationsPerSecond());
                    err.flush();
                }
            }
        }
        double reference = rows.stream().filter(r -> r.name().equals(REFERENCE)).findFirst()
                .map(Row::locationsPerSecond).orElse(Double.NaN);
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            out.println(toJson(rows, reference, matmulGflops, dev));
        } else {
            out.print(table(rows, reference, matmulGflops, dev));
        }
        out.flush();
        return 0;
    }

    private Row measure(String name, NDArray coords, Device dev) throws Exception {
        EncoderSpec es = EncoderSpec.of(name);
        try (GeoModel model = GeoModel.create(ModelSpec.of(es, DefaultStacks.forEncoder(name)), dev, seed)) {
            GeoNetwork net = model.network();
            PositionEncoder pe = net.locationEncoder().positionEncoder();
            // data-dependent encoders (rbf) fit to training locations first; the others ignore this
            int fitRows = Math.max(10_000, es.numAnchors());
            double[] lon = new double[fitRows];
            double[] lat = new double[fitRows];
            new AreaUniformSampler(seed + 1).sample(lon, lat);
            pe.fitToData(lon, lat, seed);
            long params = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                params += p.getValue().getArray().size();
            }
            NDManager base = coords.getManager();
            ParameterStore ps = new ParameterStore(model.manager(), false);
            // tempAttach: every array computed from the coordinates lands in the step manager and is
            // freed with it, while the coordinates themselves return to the base manager
            Throughput.Measurement peOnly = Throughput.measure(() -> {
                try (NDManager step = base.newSubManager()) {
                    coords.tempAttach(step);
                    Utilisation.await(pe.forward(ps, new NDList(coords), false).singletonOrThrow());
                }
            }, batchSize, seconds);
            Throughput.Measurement full = Throughput.measure(() -> {
                try (NDManager step = base.newSubManager()) {
                    coords.tempAttach(step);
                    Utilisation.await(net.embedLocations(ps, coords, false));
                }
            }, batchSize, seconds);
            return new Row(name, pe.outputDim(), params, peOnly.medianPerSecond(), full.medianPerSecond());
        }
    }

    String toJson(List<Row> rows, double reference, double matmulGflops, Device dev) {
        JsonObject o = new JsonObject();
        o.addProperty("device", Utilisation.name(dev));
        JsonArray a = new JsonArray();
        for (Row r : rows) {
            JsonObject e = new JsonObject();
            e.addProperty("name", r.name());
            e.addProperty("features", r.features());
            e.addProperty("parameters", r.parameters());
            e.addProperty("pe_locations_per_s", r.peLocationsPerSecond());
            e.addProperty("locations_per_s", r.locationsPerSecond());
            e.addProperty("ratio_vs_grid", r.locationsPerSecond() / reference);
            a.add(e);
        }
        o.add("encoders", a);
        o.addProperty("matmul_gflops", matmulGflops);
        o.addProperty("batch_size", batchSize);
        o.addProperty("seconds_per_measurement", seconds);
        o.addProperty("intra_op_threads", JniUtils.getNumThreads());
        o.addProperty("peak_rss_mib", MemoryProbe.mib(MemoryProbe.peakRssBytes()));
        o.addProperty("peak_heap_mib", MemoryProbe.mib(MemoryProbe.peakHeapBytes()));
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    private String table(List<Row> rows, double reference, double matmulGflops, Device dev) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-20s %9s %12s %15s %15s %8s%n";
        sb.append(String.format(Locale.ROOT, fmt, "encoder", "features", "params", "PE-only loc/s", "full loc/s",
                "vs grid"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-20s %9d %,12d %,15.0f %,15.0f %8.2f%n", r.name(), r.features(),
                    r.parameters(), r.peLocationsPerSecond(), r.locationsPerSecond(),
                    r.locationsPerSecond() / reference));
        }
        sb.append(String.format(Locale.ROOT,
                "device %s, batch %d, eval mode, autograd off, median of %d chunks after warm-up, %.2f s per"
                        + " measurement; %d intra-op threads; OMP_WAIT_POLICY=%s%n",
                Utilisation.name(dev), batchSize, Throughput.DEFAULT_CHUNKS, seconds, JniUtils.getNumThreads(),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)")));
        sb.append(String.format(Locale.ROOT, "baseline: float32 matmul %d^3 = %.1f GFLOP/s; peak RSS %.0f MiB,"
                + " peak heap %.0f MiB%n", MatmulProbe.DEFAULT_SIZE, matmulGflops,
                MemoryProbe.mib(MemoryProbe.peakRssBytes()), MemoryProbe.mib(MemoryProbe.peakHeapBytes())));
        return sb.toString();
    }
}
