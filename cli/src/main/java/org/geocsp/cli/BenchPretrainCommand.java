package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.geocsp.cli.bench.MatmulProbe;
import org.geocsp.cli.bench.MemoryProbe;
import org.geocsp.cli.bench.Utilisation;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.StepProgress;
import org.geocsp.core.train.TrainerParams;
import org.geocsp.core.train.TrainerSettings;
import org.geocsp.core.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp bench pretrain}: pre-training throughput of the CSP default configuration on
 * generated data, as model FLOPs utilisation against a dense matmul measured in the same process.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pre-training throughput of the CSP default configuration (Space2Vec-grid S=32, radii"
                + " 0.1..360, 1 hidden layer of 512, embedding 256, dropout 0.5, batch 1024, K=1, SimCSE on) on"
                + " generated data: samples/s, model FLOPs per sample, dense matmul GFLOP/s and their ratio (MFU).",
            "JVM options (e.g. -Xmx1g) go in GEOCSP_JAVA_OPTS."})
final class BenchPretrainCommand implements Callable<Integer> {

    @Option(names = "--rows")
    int rows;

    @Option(names = "--image-dim")
    int imageDim;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--epochs")
    int epochs;

    @Option(names = "--warmup-steps")
    int warmupSteps;

    @Option(names = "--work-dir", description = "Folder for the memory-mapped embedding store (default: system temp).")
    Path workDir;

    @Option(names = "--device")
    String device;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().outputFolder("--work-dir", workDir).check();
        if (rows / batchSize <= warmupSteps + 1) {
            throw new IllegalArgumentException("--rows must give more than --warmup-steps + 1 full batches, got " + rows
                    + " rows, batch " + batchSize + ", warm-up " + warmupSteps);
        }
        Device dev = GeoRuntime.resolveDevice(DeviceChoice.parse(device));
        Utilisation.Baseline baseline;
        try (NDManager m = GeoRuntime.manager(dev)) {
            baseline = MatmulProbe.baseline(m, MatmulProbe.DEFAULT_SIZE, 2.0);
        }
        double matmul = baseline.gflops();
        long genStart = System.nanoTime();
        try (GeoDataset data = generate(rows, imageDim, workDir)) {
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid"), StackSpec.csp()).withImageDim(imageDim,
                    List.of());
            TrainerSettings t = TrainerParams.PRETRAINING.defaults().withEpochs(epochs).withBatchSize(batchSize)
                    .withValidation(0, 0).withDevice(DeviceChoice.parse(device));
            PretrainSettings s = PretrainSettings.csp(t);
            Timer timer = new Timer(warmupSteps);
            double flops;
            long steps;
            String status;
            Device modelDevice;
            try (GeoModel model = GeoModel.create(spec, dev, 0)) {
                modelDevice = model.device();
                flops = flopsPerSample(model, s, batchSize);
                try (Pretrainer.Result r = Pretrainer.run(model, data, s, timer)) {
                    steps = r.training().steps();
                    status = r.training().status() + ": " + r.training().message();
                }
            }
            double samplesPerSecond = timer.samplesPerSecond(batchSize, (long) rows * epochs);
            Utilisation.Result mfu = Utilisation.of(samplesPerSecond * flops, modelDevice, baseline);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("device", Utilisation.name(modelDevice));
            out.put("samples_per_s", samplesPerSecond);
            out.put("flops_per_sample", flops);
            out.put("matmul_gflops", matmul);
            out.put("matmul_device", Utilisation.name(baseline.device()));
            mfu.putInto(out, "mfu");
            out.put("peak_heap_mb", MemoryProbe.mib(MemoryProbe.peakHeapBytes()));
            out.put("peak_rss_mb", MemoryProbe.mib(MemoryProbe.peakRssBytes()));
            out.put("page_faults_per_step", timer.faultsPerStep());
            out.put("glibc_tunables", System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
            out.put("rows", rows);
            out.put("image_dim", imageDim);
            out.put("batch_size", batchSize);
            out.put("steps", steps);
            out.put("timed_steps", timer.timedSteps);
            out.put("max_heap_mb", MemoryProbe.mib(Runtime.getRuntime().maxMemory()));
            out.put("data_generation_s", genSeconds);
            out.put("status", status);
            if (json) {
                commandSpec.commandLine().getOut().println(new GsonBuilder().disableHtmlEscaping().create().toJson(out));
            } else {
                commandSpec.commandLine().getOut().println(String.format(Locale.ROOT,
                        "pre-training, CSP default configuration, %d rows x %d-d embeddings, batch %d%n"
                                + "  device              %s%n"
                                + "  samples/s           %.0f  (%d timed steps after %d warm-up)%n"
                                + "  model FLOPs/sample  %.3e%n"
                                + "  matmul GFLOP/s      %.1f  (float32 %dx%d, same process, on %s)%n"
                                + "  MFU                 %s%n"
                                + "  peak heap / RSS     %.0f MiB / %.0f MiB  (max heap %.0f MiB)%n"
                                + "  page faults/step    %.0f  (GLIBC_TUNABLES=%s)%n"
                                + "  run                 %s",
                        rows, imageDim, batchSize, out.get("device"), samplesPerSecond, timer.timedSteps, warmupSteps,
                        flops, matmul, MatmulProbe.DEFAULT_SIZE, MatmulProbe.DEFAULT_SIZE, out.get("matmul_device"),
                        mfu.text(), out.get("peak_heap_mb"),
                        out.get("peak_rss_mb"), out.get("max_heap_mb"), timer.faultsPerStep(), out.get("glibc_tunables"),
                        status));
            }
        }
        commandSpec.commandLine().getOut().flush();
        return 0;
    }

    /** Times the training steps after the warm-up. */
    private static final class Timer implements TrainingListener {
        final int warmup;
        int seen;
        long timedSteps;
        long start;
        long last;
        long faultsAtStart;
        long faultsAtLast;

        Timer(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public void onStep(StepProgress p) {
            seen++;
            long now = System.nanoTime();
            if (seen == warmup) {
                start = now;
                faultsAtStart = MemoryProbe.minorFaults();
            } else if (seen > warmup) {
                timedSteps++;
                last = now;
                faultsAtLast = MemoryProbe.minorFaults();
            }
        }

        /** Minor page faults per timed step, or NaN where unknown. */
        double faultsPerStep() {
            return timedSteps == 0 || faultsAtStart < 0 ? Double.NaN : (faultsAtLast - faultsAtStart) / (double) timedSteps;
        }

        /**
         * Samples of the timed steps over the time from the end of the warm-up to the last step;
         * the final step of an epoch may be a partial batch.
         */
        double samplesPerSecond(int batchSize, long totalRows) {
            long samples = Math.min(timedSteps * (long) batchSize, totalRows - (long) warmup * batchSize);
            return timedSteps == 0 ? Double.NaN : samples / ((last - start) / 1e9);
        }
    }

    /**
     * Model FLOPs of one training sample: forward and backward of every matmul of the location
     * encoder for each embedded location (the row, its second dropout pass, K negatives), of the
     * image projection (weight gradients only: the image input needs none), and of the similarity
     * matrices of the loss. The first location layer needs no input gradient (the position
     * encoding has none). Element-wise work (sin/cos, activations, normalisation) is not counted.
     */
    static double flopsPerSample(GeoModel model, PretrainSettings s, int batch) {
        double firstLayer = 0;
        double otherLayers = 0;
        double imageProj = 0;
        boolean first = true;
        for (Map.Entry<String, Parameter> e : model.network().referenceParameters().entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue().getArray().getShape().getShape();
            if (!name.endsWith(".weight") || shape.length != 2) {
                continue;
            }
            double macs = (double) shape[0] * shape[1];
            if (name.startsWith("loc_enc.")) {
                if (first) {
                    firstLayer = macs;
                    first = false;
                } else {
                    otherLayers += macs;
                }
            } else if (name.startsWith("img_dec")) {
                imageProj += macs;
            }
        }
        int k = s.negativesPerRow();
        double locations = 1 + (s.simcseWeight() > 0 ? 1 : 0) + (s.randomWeight() > 0 ? k : 0);
        double d = model.network().embeddingDim();
        double loc = locations * (2 * 2 * firstLayer + 3 * 2 * otherLayers);
        double img = 2 * 2 * imageProj;
        double simMatrices = 1 + (s.simcseWeight() > 0 ? 1 : 0);
        double loss = 3 * (simMatrices * 2 * batch * d + (s.randomWeight() > 0 ? 2 * k * d : 0));
        return loc + img + loss;
    }

    /**
     * Generated rows: area-uniform locations and embeddings that are a cheap fixed function of the
     * location plus noise, streamed into a memory-mapped store (the heap holds one row).
     */
    static GeoDataset generate(int n, int dim, Path folder) throws IOException {
        SplittableRandom r = new SplittableRandom(12345);
        float[] basis = new float[8 * dim];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = (float) r.nextGaussian();
        }
        GeoDataset.Builder b = GeoDataset.builder().withFeatures(dim, folder);
        float[] row = new float[dim];
        float[] f = new float[8];
        for (int i = 0; i < n; i++) {
            double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            double lon = 360 * r.nextDouble() - 180;
            double la = Math.toRadians(lat);
            double lo = Math.toRadians(lon);
            f[0] = (float) Math.sin(la);
            f[1] = (float) (Math.cos(la) * Math.cos(lo));
            f[2] = (float) (Math.cos(la) * Math.sin(lo));
            f[3] = (float) Math.sin(3 * la);
            f[4] = (float) Math.cos(3 * lo);
            f[5] = (float) Math.sin(5 * lo);
            f[6] = (float) Math.cos(7 * la);
            f[7] = (float) Math.sin(2 * (la + lo));
            for (int j = 0; j < dim; j++) {
                float v = 0;
                for (int q = 0; q < 8; q++) {
                    v += f[q] * basis[q * dim + j];
                }
                row[j] = v + 0.1f * (float) ((r.nextInt() & 0xFFFF) / 32768.0 - 1.0);
            }
            b.add(lon, lat, null, row, null);
        }
        return b.build();
    }
}
