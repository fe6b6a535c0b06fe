package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as separate processes: two {@code predict} runs writing the same output, and
 * {@code predict} / {@code pretrain} interrupted by SIGINT, SIGTERM and SIGKILL at random moments.
 * The target is always absent/the old file or one complete output, never a mix; after SIGINT and
 * SIGTERM no temporary file is left; after SIGKILL a hidden {@code .NAME.*.tmp} may remain, and
 * the next run is not disturbed by it.
 */
class OutputProcessTest {

    @TempDir
    static Path dir;
    static Path table;
    static Path small;
    static Path big;
    static Path model;
    static byte[] smallOut;
    static byte[] bigOut;
    static final Random RANDOM = new Random(Long.getLong("geocsp.killSeed", 20261204L));

    @BeforeAll
    static void prepare() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "signals are sent with kill(1) (Linux)");
        SplittableRandom r = new SplittableRandom(9);
        StringBuilder t = new StringBuilder("lon,lat,region,f0,f1,f2\n");
        for (int i = 0; i < 3000; i++) {
            double lon = 360 * r.nextDouble() - 180;
            double lat = 160 * r.nextDouble() - 80;
            t.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f,%.4f%n", lon, lat, lat >= 0 ? "N" : "S",
                    Math.sin(Math.toRadians(lon)), Math.cos(Math.toRadians(lat)), r.nextDouble()));
        }
        table = Files.writeString(dir.resolve("table.csv"), t.toString());
        small = Files.writeString(dir.resolve("small.csv"), "lon,lat\n1,2\n3,4\n-50,10\n");
        StringBuilder b = new StringBuilder("lon,lat\n");
        for (int i = 0; i < 60_000; i++) {
            b.append(String.format(Locale.ROOT, "%.3f,%.3f%n", 360 * r.nextDouble() - 180, 160 * r.nextDouble() - 80));
        }
        big = Files.writeString(dir.resolve("big.csv"), b.toString());
        Path pre = dir.resolve("pre.geocsp");
        model = dir.resolve("ft.geocsp");
        assertEquals(0, CliRun.run("pretrain", "--input", table.toString(), "--output", pre.toString(), "--epochs", "1",
                "--hidden-dim", "16", "--output-dim", "8", "--frequency-num", "4", "--device", "cpu").exitCode());
        assertEquals(0, CliRun.run("finetune", "--model", pre.toString(), "--input", table.toString(), "--label-column",
                "region", "--output", model.toString(), "--epochs", "1", "--device", "cpu").exitCode());
        Path so = dir.resolve("ref-small.csv");
        Path bo = dir.resolve("ref-big.csv");
        assertEquals(0, CliRun.run(predict(small, so)).exitCode());
        assertEquals(0, CliRun.run(predict(big, bo)).exitCode());
        smallOut = Files.readAllBytes(so);
        bigOut = Files.readAllBytes(bo);
    }

    static String[] predict(Path in, Path out) {
        return new String[] {"predict", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(),
            "--device", "cpu", "--batch-size", "512"};
    }

    /** Starts the command line in a new JVM with the launcher's environment. */
    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.geocsp.cli.Main");
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().remove("TORCH_CPP_LOG_LEVEL"); // stderr must stay clean without the launcher's settings
        return pb.start();
    }

    static int finish(Process p, Path log) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not finish: " + Files.readString(log));
        }
        return p.exitValue();
    }

    static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start();
        k.waitFor(10, TimeUnit.SECONDS);
    }

    interface Condition {
        boolean holds() throws IOException;
    }

    /**
     * Waits until the condition holds (the run has started writing) or the process ended, then a
     * random extra time; returns the milliseconds since the call.
     */
    static long waitUntil(Process p, Condition c) throws Exception {
        long t0 = System.nanoTime();
        while (p.isAlive() && !c.holds() && System.nanoTime() - t0 < 60_000_000_000L) {
            Thread.sleep(5);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static List<Path> temps(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void twoPredictRunsWritingTheSameOutputEachProduceACompleteFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("same"));
        Path out = folder.resolve("same.csv");
        Path log1 = dir.resolve("p1.log");
        Path log2 = dir.resolve("p2.log");
        Process a = start(log1, predict(big, out));
        Process b = start(log2, predict(small, out));
        assertEquals(0, finish(b, log2), Files.readString(log2));
        assertEquals(0, finish(a, log1), Files.readString(log1));
        for (Path log : List.of(log1, log2)) {
            assertFalse(Files.readString(log).contains("AutoNonVariableTypeMode"), "libtorch deprecation warning on stderr: "
                    + Files.readString(log));
        }
        byte[] got = Files.readAllBytes(out);
        assertTrue(Arrays.equals(got, bigOut) || Arrays.equals(got, smallOut),
                "the output must be one run's complete output, got " + got.length + " bytes");
        assertEquals(List.of(), temps(folder));
    }

    @Test
    void predictInterruptedAtRandomMomentsLeavesTheOldOrTheCompleteOutput() throws Exception {
        for (String sig : List.of("INT", "TERM", "KILL")) {
            Path folder = Files.createDirectories(dir.resolve("kill-predict-" + sig + RANDOM.nextInt(1000)));
            Path out = folder.resolve("out.csv");
            byte[] old = "old output\n".getBytes();
            Files.write(out, old);
            Path log = folder.resolve("../" + folder.getFileName() + ".log");
            Process p = start(log, predict(big, out));
            long delay = waitUntil(p, () -> !temps(folder).isEmpty());
            int extra = RANDOM.nextInt(400);
            Thread.sleep(extra);
            delay += extra;
            signal(p, sig);
            int code = finish(p, log);
            byte[] got = Files.readAllBytes(out);
            assertTrue(Arrays.equals(got, old) || Arrays.equals(got, bigOut), "SIG" + sig + " after " + delay
                    + " ms (exit " + code + "): the output is neither the old nor the complete file");
            List<Path> left = temps(folder);
            System.out.printf("predict SIG%s after %d ms: exit %d, output %s, %d temporary files%n", sig, delay, code,
                    Arrays.equals(got, old) ? "old" : "complete", left.size());
            if (!sig.equals("KILL")) {
                assertEquals(List.of(), left, "SIG" + sig + " after " + delay + " ms left temporary files");
            }
            if (!sig.equals("KILL")) {
                continue;
            }
            // the next run is not disturbed by anything left behind, and does not touch it
            Process again = start(log, predict(big, out));
            assertEquals(0, finish(again, log), Files.readString(log));
            assertArrayEquals(bigOut, Files.readAllBytes(out));
            assertEquals(left, temps(folder), "the next run must neither reuse nor remove another run's file");
        }
    }

    @Test
    void pretrainInterruptedAtRandomMomentsLeavesNoPartialModel() throws Exception {
        for (String sig : List.of("INT", "KILL")) {
            Path folder = Files.createDirectories(dir.resolve("kill-pretrain-" + sig));
            Path out = folder.resolve("model.geocsp");
            Path ck = folder.resolve("checkpoints");
            Path log = dir.resolve("pretrain-" + sig + ".log");
            String[] args = {"pretrain", "--input", table.toString(), "--output", out.toString(), "--checkpoint-dir",
                ck.toString(), "--epochs", "40", "--batch-size", "64", "--hidden-dim", "32", "--frequency-num", "4",
                "--device", "cpu"};
            Process p = start(log, args);
            long delay = waitUntil(p, () -> Files.isDirectory(ck));
            int extra = RANDOM.nextInt(1500);
            Thread.sleep(extra);
            delay += extra;
            signal(p, sig);
            int code = finish(p, log);
            System.out.printf("pretrain SIG%s after %d ms: exit %d, model %s, checkpoints %s%n", sig, delay, code,
                    Files.exists(out) ? "written" : "absent", Files.isDirectory(ck) ? temps(ck).size() + " temps" : "none");
            if (Files.exists(out)) {
                try (GeoModel m = ModelFile.load(out, Device.cpu())) {
                    assertTrue(m.spec().stage() != null);
                }
            }
            if (!sig.equals("KILL")) {
                assertEquals(List.of(), temps(folder), "SIG" + sig + " after " + delay + " ms");
                if (Files.isDirectory(ck)) {
                    assertEquals(List.of(), temps(ck), "SIG" + sig + " after " + delay + " ms (checkpoints)");
                }
            }
            String[] shortRun = args.clone();
            shortRun[8] = "1";
            Process again = start(log, shortRun);
            assertEquals(0, finish(again, log), Files.readString(log));
            try (GeoModel m = ModelFile.load(out, Device.cpu())) {
                assertTrue(m.spec().stage() != null);
            }
        }
    }
}
