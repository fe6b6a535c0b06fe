package org.geocsp.core.runtime;

import java.util.Locale;

/**
 * Where the numeric work runs: {@code auto} (a GPU when the engine reports a usable one, else
 * the CPU), {@code cpu}, or a GPU by index ({@code gpu0}, {@code gpu1}, ...).
 *
 * @param kind which of the three choices
 * @param gpuIndex the GPU index when {@code kind == GPU}, else -1
 */
public record DeviceChoice(Kind kind, int gpuIndex) {

    /** The three kinds of choice. */
    public enum Kind { AUTO, CPU, GPU }

    public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, -1);
    public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, -1);

    public DeviceChoice {
        if (kind == Kind.GPU && gpuIndex < 0) {
            throw new IllegalArgumentException("GPU index must be 0 or more, got " + gpuIndex);
        }
        if (kind != Kind.GPU) {
            gpuIndex = -1;
        }
    }

    /** A GPU by index. */
    public static DeviceChoice gpu(int index) {
        return new DeviceChoice(Kind.GPU, index);
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code gpu} (= gpu0) or {@code gpuN}/{@code gpu:N}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto") || t.isEmpty()) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.startsWith("gpu")) {
            String rest = t.substring(3).replace(":", "");
            try {
                return gpu(rest.isEmpty() ? 0 : Integer.parseInt(rest));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new org.geocsp.core.io.InvalidInputException(
                "device '" + text + "' is not valid: use auto, cpu, gpu or gpuN (N = 0, 1, ...)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> "gpu" + gpuIndex;
        };
    }
}
