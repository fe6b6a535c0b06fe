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
 * included; Linux only), the Java heap's peak use and the page-fault count.
 */
public final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");

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

    /**
     * Minor page faults of this process so far ({@code /proc/self/stat} field 10), or -1 where
     * unknown (not Linux). Memory that the allocator returns to the kernel and takes back faults
     * in again page by page; a training loop should cause almost none in its steady state.
     */
    public static long minorFaults() {
        try {
            String stat = Files.readString(STAT);
            // the command name (field 2) is in parentheses and may contain spaces
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(after[7]); // field 3 is after[0]; minflt is field 10
        } catch (IOException | RuntimeException e) {
            return -1;
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
