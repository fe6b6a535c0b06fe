package org.geocsp.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.Locale;
import java.util.Map;

/**
 * Model FLOPs utilisation (MFU) of a benchmark: the model's FLOP rate divided by a dense matmul
 * rate, reported only when both ran on the same device. A model on a GPU against a matmul measured
 * on the CPU (or the other way round) would give a meaningless ratio, so the MFU is then omitted
 * with the reason, and the benches print the device they ran on next to every figure.
 *
 * <p>Devices are parameters, not looked up here, so that the decision is testable on a machine
 * without a GPU.
 */
public final class Utilisation {

    private Utilisation() {}

    /** A matmul rate and the device it was measured on. */
    public record Baseline(double gflops, Device device) {}

    /**
     * An MFU, or why there is none.
     *
     * @param value the ratio, NaN when omitted
     * @param omittedBecause null when reported, else the reason in words
     */
    public record Result(double value, String omittedBecause) {

        public boolean reported() {
            return omittedBecause == null;
        }

        /** Puts {@code key} (the value) or {@code key_omitted} (the reason) into a JSON map. */
        public void putInto(Map<String, Object> json, String key) {
            if (reported()) {
                json.put(key, value);
            } else {
                json.put(key + "_omitted", omittedBecause);
            }
        }

        /** The value with 3 decimals, or "omitted: reason". */
        public String text() {
            return reported() ? String.format(Locale.ROOT, "%.3f", value) : "omitted: " + omittedBecause;
        }
    }

    /**
     * The MFU of a model that ran on {@code modelDevice} at {@code modelFlopsPerSecond} against a
     * baseline.
     */
    public static Result of(double modelFlopsPerSecond, Device modelDevice, Baseline baseline) {
        if (!modelDevice.equals(baseline.device())) {
            return new Result(Double.NaN, "the model ran on " + name(modelDevice) + " but the matmul baseline was"
                    + " measured on " + name(baseline.device()) + "; an MFU needs both on the same device");
        }
        if (!(baseline.gflops() > 0) || Double.isInfinite(baseline.gflops())) {
            return new Result(Double.NaN, "the matmul baseline gave no rate (" + baseline.gflops() + " GFLOP/s)");
        }
        if (!(modelFlopsPerSecond >= 0) || Double.isInfinite(modelFlopsPerSecond)) {
            return new Result(Double.NaN, "the model gave no rate (" + modelFlopsPerSecond + " FLOP/s)");
        }
        return new Result(modelFlopsPerSecond / (baseline.gflops() * 1e9), null);
    }

    /** A device as the benches print it: {@code cpu}, {@code gpu0}, ... */
    public static String name(Device d) {
        return d.isGpu() ? "gpu" + d.getDeviceId() : d.getDeviceType();
    }

    /**
     * Waits until the work that produced {@code result} is done. On the CPU the engine's calls
     * return when done; on a GPU they are queued, so timing without this would measure queueing
     * (reading one element back makes the stream finish first). Does nothing on the CPU, so CPU
     * figures are unaffected.
     */
    public static void await(NDArray result) {
        if (result.getDevice().isGpu() && result.size() > 0) {
            result.flatten().get(0).toFloatArray();
        }
    }
}
