package org.geocsp.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.geocsp.cli.bench.MatmulProbe;
import org.geocsp.cli.bench.MemoryProbe;
import org.geocsp.cli.bench.ModelFlops;
import org.geocsp.cli.bench.PredictStages;
import org.geocsp.cli.bench.Throughput;
import org.geocsp.cli.bench.Utilisation;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.predict.Gallery;
import org.geocsp.core.predict.ImageGeolocator;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp bench predict}: P(class | location) throughput with 1,000 classes and image-to-
 * location retrieval throughput against a 100,000-location gallery, with the CSP default encoder.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prediction throughput: locations/s for P(class | location) with --classes classes (batch"
                + " --batch-size, top-5 kept), its model FLOPs per location and MFU, where a batch's time"
                + " goes, and queries/s of image-to-location retrieval against a --gallery-size gallery (top-5), CSP default encoder; baseline: dense matmul GFLOP/s in the same process.")
final class BenchPredictCommand implements Callable<Integer> {

    @Option(names = "--classes")
    int classes;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--gallery-size")
    int gallerySize;

    @Option(names = "--queries")
    int queries;

    @Option(names = "--image-dim")
    int imageDim;

    @Option(names = "--seconds")
    double seconds;

    @Option(names = "--device")
    String device;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        Device dev = GeoRuntime.resolveDevice(DeviceChoice.parse(device));
        Utilisation.Baseline baseline;
        try (NDManager m = GeoRuntime.manager(dev)) {
            baseline = MatmulProbe.baseline(m, MatmulProbe.DEFAULT_SIZE, 2.0);
        }
        double matmul = baseline.gflops();
        SplittableRandom r = new SplittableRandom(7);
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            labels.add("class" + c);
        }
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid"), StackSpec.csp()).withImageDim(imageDim, List.of())
                .withClassLabels(labels);
        Map<String, Object> out = new LinkedHashMap<>();
        Utilisation.Result retrievalShare;
        Utilisation.Result mfu;
        PredictStages stages;
        try (GeoModel model = GeoModel.create(spec, dev, 1)) {
            out.put("device", Utilisation.name(model.device()));
            double[] lon = new double[batchSize];
            double[] lat = new double[batchSize];
            for (int i = 0; i < batchSize; i++) {
                lon[i] = 360 * r.nextDouble() - 180;
                lat[i] = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            }
            LocationPredictor predictor = new LocationPredictor(model,
                    PredictionRequest.builder().topK(5).batchSize(batchSize).build());
            Throughput.Measurement loc = Throughput.measure(() -> predictor.predict(lon, lat, 1), batchSize, seconds);
            double flops = ModelFlops.perLocation(model);
            mfu = Utilisation.of(loc.medianPerSecond() * flops, model.device(), baseline);
            stages = PredictStages.measure(model, lon, lat, seconds / 3);

            double[] glon = new double[gallerySize];
            double[] glat = new double[gallerySize];
            for (int i = 0; i < gallerySize; i++) {
                glon[i] = 360 * r.nextDouble() - 180;
                glat[i] = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            }
            float[][] q = new float[queries][imageDim];
            for (float[] row : q) {
                for (int j = 0; j < imageDim; j++) {
                    row[j] = (float) r.nextGaussian();
                }
            }
            long t0 = System.nanoTime();
            try (ImageGeolocator locator = ImageGeolocator.create(model, Gallery.of(glon, glat))) {
                double galleryEmbedSeconds = (System.nanoTime() - t0) / 1e9;
                Throughput.Measurement ret = Throughput.measure(() -> locator.locate(q, 5), queries, seconds);
                out.put("locations_per_s", loc.medianPerSecond());
                out.put("flops_per_location", flops);
                mfu.putInto(out, "mfu");
                out.put("retrieval_queries_per_s", ret.medianPerSecond());
                out.put("gallery_embedding_s", galleryEmbedSeconds);
                out.put("matmul_gflops", matmul);
                out.put("matmul_device", Utilisation.name(baseline.device()));
                // retrieval is dominated by the (queries x d) x (d x gallery) similarity product
                double retrievalGflops = ret.medianPerSecond() * 2.0 * gallerySize * model.network().embeddingDim() / 1e9;
                out.put("retrieval_similarity_gflops", retrievalGflops);
                retrievalShare = Utilisation.of(retrievalGflops * 1e9, model.device(), baseline);
                retrievalShare.putInto(out, "retrieval_vs_matmul");
            }
        }
        out.put("stages_ms_per_batch", stages.millisPerBatch());
        out.put("classes", classes);
        out.put("batch_size", batchSize);
        out.put("gallery_size", gallerySize);
        out.put("peak_rss_mb", MemoryProbe.mib(MemoryProbe.peakRssBytes()));
        if (json) {
            commandSpec.commandLine().getOut().println(new GsonBuilder().create().toJson(out));
        } else {
            commandSpec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "prediction, CSP default encoder (Space2Vec-grid, 1x512, 256), on %s%n"
                            + "  P(class | location), %d classes, batch %d:   %.0f locations/s"
                            + " (%.3e FLOPs/location, MFU %s)%n"
                            + "    where a batch's time goes (ms): %s%n"
                            + "  retrieval, %d-location gallery, %d queries:  %.0f queries/s"
                            + " (similarity products at %.1f GFLOP/s; vs matmul: %s)%n"
                            + "  gallery embedding (once): %.2f s; matmul baseline %.1f GFLOP/s on %s; peak RSS %.0f MiB",
                    out.get("device"), classes, batchSize, out.get("locations_per_s"), out.get("flops_per_location"),
                    mfu.text(), stages.text(), gallerySize, queries,
                    out.get("retrieval_queries_per_s"), out.get("retrieval_similarity_gflops"),
                    retrievalShare.text(), out.get("gallery_embedding_s"), matmul, out.get("matmul_device"),
                    out.get("peak_rss_mb")));
        }
        commandSpec.commandLine().getOut().flush();
        return 0;
    }
}
