package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the command line against the output faults: output equal to an input (also
 * through a symlink and a {@code ./} path), an output that is a directory, an output folder that
 * cannot be written or created, a folder option naming a file. Each must exit 2 with one line
 * naming the option, no stack trace, inputs and target untouched, and no temporary file left. A
 * second group runs each writing command successfully next to an unrelated {@code OUT.part} (it
 * must stay as it was) and into a missing folder (created: the one output-folder policy).
 */
class OutputSafetySweepTest {

    @TempDir
    static Path dir;
    static Path table;
    static Path lonLat;
    static Path gallery;
    static Path pretrained;
    static Path finetuned;

    @BeforeAll
    static void prepare() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("lon,lat,region,f0,f1,f2,f3\n");
        StringBuilder ll = new StringBuilder("lon,lat\n");
        for (int i = 0; i < 80; i++) {
            double lon = 360 * r.nextDouble() - 180;
            double lat = 160 * r.nextDouble() - 80;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f,%.4f,%.4f%n", lon, lat, lat >= 0 ? "N" : "S",
                    Math.sin(lon), Math.cos(lat), r.nextDouble(), r.nextDouble()));
            ll.append(String.format(Locale.ROOT, "%.4f,%.4f%n", lon, lat));
        }
        table = Files.writeString(dir.resolve("table.csv"), sb.toString());
        lonLat = Files.writeString(dir.resolve("lonlat.csv"), ll.toString());
        gallery = Files.writeString(dir.resolve("gallery.csv"), ll.toString());
        pretrained = dir.resolve("pre.geocsp");
        finetuned = dir.resolve("ft.geocsp");
        CliRun p = CliRun.run("pretrain", "--input", table.toString(), "--output", pretrained.toString(), "--epochs", "1",
                "--batch-size", "32", "--hidden-dim", "16", "--output-dim", "8", "--frequency-num", "4", "--device", "cpu");
        assertEquals(0, p.exitCode(), p.err());
        CliRun f = CliRun.run("finetune", "--model", pretrained.toString(), "--input", table.toString(), "--label-column",
                "region", "--output", finetuned.toString(), "--epochs", "1", "--batch-size", "32", "--device", "cpu");
        assertEquals(0, f.exitCode(), f.err());
    }

    /** A command with its inputs; {@code args} builds the arguments for a given output (file or folder). */
    record Command(String name, String outputOption, Map<String, Path> inputs, Function<String, List<String>> args) {}

    static List<Command> commands() {
        List<Command> c = new ArrayList<>();
        c.add(new Command("encode", "--output", Map.of("--input", lonLat),
                out -> List.of("encode", "--encoder", "grid", "--raw", "--frequency-num", "4", "--input",
                        lonLat.toString(), "--output", out)));
        c.add(new Command("pretrain", "--output", Map.of("--input", table),
                out -> List.of("pretrain", "--input", table.toString(), "--output", out, "--epochs", "1", "--batch-size",
                        "32", "--hidden-dim", "16", "--output-dim", "8", "--frequency-num", "4", "--device", "cpu")));
        c.add(new Command("finetune", "--output", Map.of("--input", table, "--model", pretrained),
                out -> List.of("finetune", "--model", pretrained.toString(), "--input", table.toString(),
                        "--label-column", "region", "--output", out, "--epochs", "1", "--batch-size", "32", "--device",
                        "cpu")));
        c.add(new Command("predict", "--output", Map.of("--input", lonLat, "--model", finetuned),
                out -> List.of("predict", "--model", finetuned.toString(), "--input", lonLat.toString(), "--output", out,
                        "--device", "cpu")));
        c.add(new Command("geolocate", "--output", Map.of("--input", table, "--model", pretrained, "--gallery", gallery),
                out -> List.of("geolocate", "--model", pretrained.toString(), "--input", table.toString(), "--gallery",
                        gallery.toString(), "--output", out, "--device", "cpu")));
        c.add(new Command("map", "--output", Map.of("--model", finetuned),
                out -> List.of("map", "--model", finetuned.toString(), "--class", "N", "--output", out,
                        "--resolution-deg", "10", "--width", "180", "--device", "cpu")));
        return c;
    }

    /** Commands whose output is a folder; they only run in the failure cases (a successful run is long). */
    static List<Command> folderCommands() {
        return List.of(
                new Command("demo", "--output-dir", Map.of(), out -> List.of("demo", "--output-dir", out)),
                new Command("bench quality", "--output-dir", Map.of(),
                        out -> List.of("bench", "quality", "--quick", "--output-dir", out)),
                new Command("bench pretrain", "--work-dir", Map.of(),
                        out -> List.of("bench", "pretrain", "--work-dir", out)),
                new Command("pretrain --checkpoint-dir", "--checkpoint-dir", Map.of(),
                        out -> List.of("pretrain", "--input", table.toString(), "--output",
                                dir.resolve("never.geocsp").toString(), "--checkpoint-dir", out, "--epochs", "1")),
                new Command("finetune --checkpoint-dir", "--checkpoint-dir", Map.of(),
                        out -> List.of("finetune", "--model", pretrained.toString(), "--input", table.toString(),
                                "--label-column", "region", "--output", dir.resolve("never.geocsp").toString(),
                                "--checkpoint-dir", out, "--epochs", "1")),
                new Command("pretrain --loss-curve", "--loss-curve", Map.of(),
                        out -> List.of("pretrain", "--input", table.toString(), "--output",
                                dir.resolve("never.geocsp").toString(), "--loss-curve", out, "--epochs", "1")));
    }

    /** Byte contents of every file under {@link #dir}, to show that a refused run changed nothing. */
    static Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                m.put(p, Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return m;
    }

    static void assertRefused(CliRun run, String option, Map<Path, byte[]> before, String what) throws IOException {
        String err = run.err().strip();
        assertEquals(2, run.exitCode(), what + ": " + run.err());
        assertFalse(err.contains("\n"), what + ": one line expected, got: " + run.err());
        assertTrue(err.contains(option), what + ": the message must name " + option + ": " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": " + err);
        assertFalse(err.matches(".*\\.[^ /]*\\.tmp.*"), what + ": a temporary file is named: " + err);
        Map<Path, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), what + ": files appeared or vanished");
        before.forEach((p, b) -> assertArrayEquals(b, after.get(p), what + ": " + p + " changed"));
    }

    @TestFactory
    Stream<DynamicTest> refusedOutputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Command c : commands()) {
            for (Map.Entry<String, Path> in : c.inputs().entrySet()) {
                tests.add(DynamicTest.dynamicTest(c.name() + ": output == " + in.getKey(), () -> {
                    Map<Path, byte[]> before = snapshot();
                    assertRefused(CliRun.run(c.args().apply(in.getValue().toString()).toArray(String[]::new)),
                            c.outputOption(), before, c.name() + " output == " + in.getKey());
                }));
            }
            Path in = c.inputs().values().iterator().next();
            tests.add(DynamicTest.dynamicTest(c.name() + ": output is a symlink to the input", () -> {
                Path link = dir.resolve("link-" + c.name());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, in);
                Map<Path, byte[]> before = snapshot();
                assertRefused(CliRun.run(c.args().apply(link.toString()).toArray(String[]::new)), c.outputOption(),
                        before, c.name() + " symlink");
                Files.delete(link);
            }));
            tests.add(DynamicTest.dynamicTest(c.name() + ": output is the input through ./ and ..", () -> {
                Path odd = in.getParent().resolve(".").resolve("sub").resolve("..").resolve(in.getFileName());
                Map<Path, byte[]> before = snapshot();
                assertRefused(CliRun.run(c.args().apply(odd.toString()).toArray(String[]::new)), c.outputOption(),
                        before, c.name() + " ./ path");
            }));
            tests.add(DynamicTest.dynamicTest(c.name() + ": output is a directory", () -> {
                Path d = Files.createDirectories(dir.resolve("adir-" + c.name()));
                Map<Path, byte[]> before = snapshot();
                assertRefused(CliRun.run(c.args().apply(d.toString()).toArray(String[]::new)), c.outputOption(),
                        before, c.name() + " directory");
            }));
            tests.add(DynamicTest.dynamicTest(c.name() + ": output folder cannot be written", () -> {
                Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
                Map<Path, byte[]> before = snapshot();
                assertRefused(CliRun.run(c.args().apply("/proc/geocsp-out.csv").toArray(String[]::new)),
                        c.outputOption(), before, c.name() + " /proc");
                assertRefused(CliRun.run(c.args().apply("/proc/geocsp/missing/out.csv").toArray(String[]::new)),
                        c.outputOption(), before, c.name() + " missing folder that cannot be created");
            }));
            tests.add(DynamicTest.dynamicTest(c.name() + ": output folder is a file", () -> {
                Path file = Files.writeString(dir.resolve("plain-" + c.name() + ".txt"), "keep me");
                Map<Path, byte[]> before = snapshot();
                assertRefused(CliRun.run(c.args().apply(file.resolve("out.csv").toString()).toArray(String[]::new)),
                        c.outputOption(), before, c.name() + " folder is a file");
            }));
        }
        for (Command c : folderCommands()) {
            tests.add(DynamicTest.dynamicTest(c.name() + ": folder option names a file", () -> {
                Path file = Files.writeString(dir.resolve("file-for-" + c.name().replace(' ', '-')), "keep me");
                Map<Path, byte[]> before = snapshot();
                String out = c.outputOption().equals("--loss-curve") ? dir.toString() : file.toString();
                assertRefused(CliRun.run(c.args().apply(out).toArray(String[]::new)), c.outputOption(), before,
                        c.name() + " file");
            }));
            tests.add(DynamicTest.dynamicTest(c.name() + ": folder cannot be created", () -> {
                Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
                Map<Path, byte[]> before = snapshot();
                assertRefused(CliRun.run(c.args().apply("/proc/geocsp/out").toArray(String[]::new)), c.outputOption(),
                        before, c.name() + " /proc");
            }));
        }
        return tests.stream();
    }

    /** Hidden temporary files of the atomic writer left in a folder. */
    static List<Path> temps(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> writesBesideAnUnrelatedPartFileAndIntoAMissingFolder() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Command c : commands()) {
            tests.add(DynamicTest.dynamicTest(c.name() + ": OUT.part is not touched, a missing folder is created", () -> {
                Path folder = dir.resolve("new-" + c.name()).resolve("sub");
                assertFalse(Files.exists(folder));
                String name = switch (c.name()) {
                    case "pretrain", "finetune" -> "out.geocsp";
                    case "map" -> "out.png";
                    default -> "out.csv";
                };
                Path out = folder.resolve(name);
                CliRun first = CliRun.run(c.args().apply(out.toString()).toArray(String[]::new));
                assertEquals(0, first.exitCode(), c.name() + ": " + first.err());
                assertTrue(Files.size(out) > 0);
                Path part = folder.resolve(name + ".part");
                Files.writeString(part, "someone else's file");
                CliRun second = CliRun.run(c.args().apply(out.toString()).toArray(String[]::new));
                assertEquals(0, second.exitCode(), c.name() + ": " + second.err());
                assertEquals("someone else's file", Files.readString(part));
                assertEquals(List.of(), temps(folder));
                if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
                    Path plain = Files.createFile(folder.resolve("plain"));
                    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out),
                            "outputs get the usual permissions (umask), not owner-only");
                    Files.delete(plain);
                }
                if (out.toString().endsWith(".csv")) {
                    assertFalse(Files.readString(out).contains("\r"), "one line ending (LF) for every CSV");
                }
            }));
        }
        return tests.stream();
    }

    /**
     * A real full disk: a 12 KiB tmpfs, of which the two old files take 8 KiB (needs root and
     * mount(8); skipped otherwise). Every output larger than the rest fails with one line naming the
     * target, exit 2, the old target untouched, no temporary file left; also a checkpoint folder on it.
     */
    @org.junit.jupiter.api.Test
    void aFullDiskGivesOneLineAndExitCode2() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here (needs root)");
        try {
            Path png = Files.writeString(mnt.resolve("map.png"), "old map");
            Path csv = Files.writeString(mnt.resolve("out.csv"), "old table");
            Map<String, CliRun> runs = new LinkedHashMap<>();
            runs.put("map", CliRun.run("map", "--model", finetuned.toString(), "--class", "N", "--output", png.toString(),
                    "--resolution-deg", "2", "--width", "2000", "--device", "cpu"));
            runs.put("predict", CliRun.run("predict", "--model", finetuned.toString(), "--input", table.toString(),
                    "--output", csv.toString(), "--embeddings", "--all-scores", "--device", "cpu"));
            runs.put("encode", CliRun.run("encode", "--encoder", "grid", "--raw", "--frequency-num", "64", "--input",
                    lonLat.toString(), "--output", csv.toString()));
            runs.put("pretrain --checkpoint-dir", CliRun.run("pretrain", "--input", table.toString(), "--output",
                    dir.resolve("full-never.geocsp").toString(), "--checkpoint-dir", mnt.resolve("ck").toString(),
                    "--epochs", "1", "--hidden-dim", "256", "--device", "cpu"));
            for (Map.Entry<String, CliRun> r : runs.entrySet()) {
                String err = r.getValue().err().strip();
                assertEquals(2, r.getValue().exitCode(), r.getKey() + ": " + err);
                assertFalse(err.contains("\n") || err.contains("Exception"), r.getKey() + ": " + err);
                assertTrue(err.contains("no space left on device"), r.getKey() + ": " + err);
            }
            assertEquals("old map", Files.readString(png));
            assertEquals("old table", Files.readString(csv));
            assertEquals(List.of(), temps(mnt));
            assertEquals(List.of(), temps(mnt.resolve("ck")));
            assertFalse(Files.exists(dir.resolve("full-never.geocsp")));
        } finally {
            new ProcessBuilder("umount", mnt.toString()).start().waitFor();
        }
    }
}
