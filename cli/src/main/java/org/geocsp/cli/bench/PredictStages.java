package org.geocsp.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.runtime.GradMode;

/**
 * Where the time of one P(class | location) batch goes: the predictor's steps run cumulatively
 * (position encoding; + location stack; + class logits; + sigmoid scores; + the view of the scores
 * out of the engine; the whole predictor with top-k and row bookkeeping), each timed on its own, and
 * reported as the added milliseconds per batch of each step.
 */
public record PredictStages(Map<String, Double> millisPerBatch) {

    /** Measures the stages on one batch of coordinates, {@code seconds} per stage. */
    public static PredictStages measure(GeoModel model, double[] lon, double[] lat, double seconds) throws Exception {
        int n = lon.length;
        double[] coords = new double[2 * n];
        for (int i = 0; i < n; i++) {
            coords[2 * i] = lon[i];
            coords[2 * i + 1] = lat[i];
        }
        GeoNetwork net = model.network();
        String[] names = {"position_encoding", "location_stack", "class_logits", "class_scores", "read_out",
            "top_k_and_rows"};
        double[] cumulative = new double[names.length];
        try (GradMode g = GradMode.disabled(); NDManager call = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(call, false);
            for (int stage = 0; stage < names.length - 1; stage++) {
                int upTo = stage;
                cumulative[stage] = millis(() -> {
                    try (NDManager step = call.newSubManager()) {
                        NDArray x = step.create(coords).reshape(n, 2);
                        NDArray out = net.locationEncoder().positionEncoder().forward(ps, new NDList(x), false).head();
                        if (upTo >= 1) {
                            out = net.locationEncoder().stack().forward(ps, new NDList(out), false).head();
                        }
                        if (upTo >= 2) {
                            out = net.classLogits(ps, out, false);
                        }
                        if (upTo >= 3) {
                            out = Activation.sigmoid(out);
                        }
                        if (upTo >= 4) {
                            // as the predictor reads them: a view of the engine's memory where it allows one
                            out.toByteBuffer(true);
                        } else {
                            Utilisation.await(out);
                        }
                    }
                }, seconds);
            }
        }
        LocationPredictor p = new LocationPredictor(model, PredictionRequest.builder().topK(5).batchSize(n).build());
        cumulative[names.length - 1] = millis(() -> p.predict(lon, lat, 1), seconds);
        Map<String, Double> out = new LinkedHashMap<>();
        double before = 0;
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], cumulative[i] - before);
            before = cumulative[i];
        }
        return new PredictStages(out);
    }

    private static double millis(Throughput.Operation op, double seconds) throws Exception {
        return 1e3 / Throughput.measure(op, 1, seconds).medianPerSecond();
    }

    /** One line: each step and its added milliseconds. */
    public String text() {
        StringJoiner j = new StringJoiner(", ");
        millisPerBatch.forEach((k, v) -> j.add(String.format(Locale.ROOT, "%s %.1f", k.replace('_', ' '), v)));
        return j.toString();
    }
}
