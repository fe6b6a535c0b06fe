package org.geocsp.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory figures for benchmark reports: the process's peak resident set (native tensors
 * included; Linux only) and the Java heap's peak use.
 */
public final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {}

    /** Peak resident set size of this process in bytes ({@code VmHWM}), or -1 where unknown (not Linux). */
    public static long peakRssBytes() {
        return statusKiB("VmHWM:");
    }

    /** Current resident set size in bytes ({@code VmRSS}), or -1 where unknown. */
    public static long currentRssBytes() {
        return statusKiB("VmRSS:");
    }

    /**
     * Sum of the peak use of every heap memory pool in bytes. The pools peak at different times,
     * so this is an upper bound of the heap's peak; call {@link #resetPeaks()} first to measure
     * one phase.
     */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Resets the heap pools' peaks (the RSS peak cannot be reset from inside the process). */
    public static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Bytes as mebibytes, or -1 for unknown. */
    public static double mib(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024.0 * 1024.0);
    }

    private static long statusKiB(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    String[] parts = l.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: unknown
        }
        return -1;
    }
}
