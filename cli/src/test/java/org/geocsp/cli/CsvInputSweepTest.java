package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that reads a CSV file, run over generated bad files: each must exit with 2 and
 * print one line naming the file and the row or column, with no stack trace, and must not create
 * its output. Also the rules that make files work alike in every command (byte order mark, case of
 * column names). The models the commands need are trained once on a tiny table.
 */
class CsvInputSweepTest {

    @TempDir
    static Path dir;
    static Path pretrained;
    static Path finetuned;
    static final AtomicInteger COUNTER = new AtomicInteger();
    static final int D = 8;

    /** One command: its input header and how to call it on an input and an output. */
    record Command(String name, List<String> header, BiFunction<Path, Path, String[]> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> embedding() {
        List<String> f = new ArrayList<>();
        for (int j = 0; j < D; j++) {
            f.add("f" + j);
        }
        return f;
    }

    static List<String> header(String... first) {
        List<String> h = new ArrayList<>(List.of(first));
        h.addAll(embedding());
        return h;
    }

    static List<Command> commands() {
        List<String> geoHeader = new ArrayList<>(embedding());
        geoHeader.addAll(List.of("lon", "lat")); // lon/lat after the embedding columns
        return List.of(
                new Command("encode", List.of("lon", "lat"), (in, out) -> new String[] {"encode", "--encoder", "gridcell",
                    "--raw", "--frequency-num", "4", "--input", in.toString(), "--output", out.toString()}),
                new Command("pretrain", header("lon", "lat"), (in, out) -> new String[] {"pretrain", "--input",
                    in.toString(), "--output", out.toString(), "--epochs", "1", "--batch-size", "16", "--hidden-dim",
                    "16", "--output-dim", "8", "--frequency-num", "4", "--device", "cpu"}),
                new Command("finetune", header("lon", "lat", "label"), (in, out) -> new String[] {"finetune", "--model",
                    pretrained.toString(), "--input", in.toString(), "--label-column", "label", "--output",
                    out.toString(), "--epochs", "1", "--batch-size", "16", "--image-classifier", "--device", "cpu"}),
                new Command("predict", header("lon", "lat"), (in, out) -> new String[] {"predict", "--model",
                    finetuned.toString(), "--input", in.toString(), "--output", out.toString(),
                    "--image-embedding-prefix", "f", "--device", "cpu"}),
                new Command("geolocate", geoHeader, (in, out) -> new String[] {"geolocate", "--model",
                    pretrained.toString(), "--input", in.toString(), "--grid-degrees", "30", "--output", out.toString(),
                    "--device", "cpu"}));
    }

    /** A valid value for a column in row i. */
    static String value(String column, int i) {
        return switch (column) {
            case "lon" -> Double.toString(-170 + 37.3 * i % 340);
            case "lat" -> Double.toString(-80 + 23.1 * i % 160);
            case "label" -> i % 2 == 0 ? "a" : "b";
            default -> String.format(Locale.ROOT, "%.3f", Math.sin(i + column.hashCode()));
        };
    }

    static List<List<String>> rows(List<String> header, int n) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> r = new ArrayList<>();
            for (String c : header) {
                r.add(value(c, i));
            }
            rows.add(r);
        }
        return rows;
    }

    static String text(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (List<String> r : rows) {
            sb.append(String.join(",", r)).append('\n');
        }
        return sb.toString();
    }

    static Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(COUNTER.incrementAndGet() + "-" + name);
        Files.write(p, bytes);
        return p;
    }

    @BeforeAll
    static void trainTinyModels() throws IOException {
        List<String> h = header("lon", "lat", "label");
        Path table = write("train.csv", text(h, rows(h, 64)).getBytes(StandardCharsets.UTF_8));
        pretrained = dir.resolve("pre.geocsp");
        CliRun p = CliRun.run(commands().get(1).args().apply(table, pretrained));
        assertEquals(0, p.exitCode(), p.err());
        finetuned = dir.resolve("ft.geocsp");
        CliRun f = CliRun.run(commands().get(2).args().apply(table, finetuned));
        assertEquals(0, f.exitCode(), f.err());
    }

    /** A bad file for a command: a description, the file's bytes and what the message must name. */
    record Bad(String what, byte[] bytes, List<String> names) {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The bad files for a command with this header (row 2 is the bad one where there is one). */
    static List<Bad> badFiles(Command c) {
        List<String> h = c.header();
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("empty file", new byte[0], List.of("is empty")));
        String good = text(h, rows(h, 5));
        bad.add(new Bad("unterminated quote", utf8(good + "\"" + String.join(",", rows(h, 1).get(0)) + "\n"),
                List.of("row 6", "malformed CSV")));
        byte[] g = utf8(good);
        byte[] invalid = new byte[g.length + 2];
        System.arraycopy(g, 0, invalid, 0, g.length);
        invalid[g.length] = (byte) 0xC3; // a lone lead byte: not UTF-8
        invalid[g.length + 1] = (byte) 0x28;
        bad.add(new Bad("invalid UTF-8", invalid, List.of("row 6", "not valid UTF-8", "UTF-8 encoded")));
        List<List<String>> rows = rows(h, 5);
        rows.set(1, rows.get(1).subList(0, h.size() - 1));
        bad.add(new Bad("short row", utf8(text(h, rows)), List.of("row 2", "but the header has " + h.size() + " columns")));
        for (String[] cell : new String[][] {{"lon", "0x1p4", "'0x1p4' is not a number"}, {"lat", "abc",
            "'abc' is not a number"}, {"f3", "1e39", "too large for a float32"}, {"f0", "1d", "'1d' is not a number"}}) {
            int col = h.indexOf(cell[0]);
            if (col < 0) {
                continue;
            }
            rows = rows(h, 5);
            rows.get(1).set(col, cell[1]);
            bad.add(new Bad(cell[0] + "=" + cell[1], utf8(text(h, rows)), List.of("column '" + cell[0] + "'", "row 2",
                    cell[2])));
        }
        if (!c.name().equals("predict") && !c.name().equals("geolocate")) {
            rows = rows(h, 5);
            rows.get(1).set(h.indexOf("lat"), "NaN");
            bad.add(new Bad("NaN latitude", utf8(text(h, rows)), List.of("column 'lat', row 2: NaN is not a valid latitude")));
            rows = rows(h, 5);
            rows.get(2).set(h.indexOf("lon"), "-Infinity");
            bad.add(new Bad("infinite longitude", utf8(text(h, rows)),
                    List.of("column 'lon', row 3: -Infinity is not a finite longitude")));
        }
        if (h.contains("f0")) {
            List<String> wide = new ArrayList<>(h);
            wide.add("f99999999999");
            bad.add(new Bad("column number overflow", utf8(text(wide, rows(wide, 3))), List.of("'f99999999999'",
                    "too large")));
        }
        return bad;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Command c : commands()) {
            for (Bad b : badFiles(c)) {
                out.add(Arguments.of(c, b.what(), b));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void badFileExitsWithOneLineNamingFileAndRowOrColumn(Command c, String what, Bad bad) throws IOException {
        Path in = write(c.name() + ".csv", bad.bytes());
        Path out = dir.resolve(COUNTER.incrementAndGet() + "-out-" + c.name());
        CliRun r = CliRun.run(c.args().apply(in, out));
        assertOneLine(r, c.name(), in, bad.names());
        assertFalse(Files.exists(out), "no output after a refused input");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(out.getFileName().toString())
                    || p.getFileName().toString().startsWith("." + out.getFileName())), "no temporary file left");
        }
    }

    static void assertOneLine(CliRun r, String command, Path in, List<String> names) {
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("geocsp " + command + ": "), line);
        assertTrue(line.contains(in.getFileName().toString()), "names the file: " + line);
        for (String n : names) {
            assertTrue(line.contains(n), "'" + n + "' in: " + line);
        }
        assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains("Input length"), line);
    }

    @Test
    void byteOrderMarkAndCaseOfColumnNamesWorkInEveryCommand() throws IOException {
        for (Command c : commands()) {
            List<String> upper = c.header().stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
            for (boolean bom : new boolean[] {true, false}) {
                String text = (bom ? "\uFEFF" : "") + text(bom ? c.header() : upper, rows(c.header(), 40));
                Path in = write(c.name() + (bom ? "-bom" : "-upper") + ".csv", utf8(text));
                Path out = dir.resolve(COUNTER.incrementAndGet() + "-ok-" + c.name());
                CliRun r = CliRun.run(c.args().apply(in, out));
                assertEquals(0, r.exitCode(), c.name() + (bom ? " with a byte order mark: " : " with upper case: ")
                        + r.err());
                assertTrue(Files.size(out) > 0);
                if (c.name().equals("geolocate")) {
                    String header = Files.readAllLines(out).get(0);
                    assertTrue(header.endsWith(",error_km"), "the true location is used: " + header);
                    assertFalse(header.startsWith("\uFEFF"), header);
                }
            }
        }
    }

    @Test
    void predictRefusesMoreEmbeddingColumnsThanTheModelReads() throws IOException {
        List<String> h = new ArrayList<>(List.of("lon", "lat"));
        for (int j = 0; j < 12; j++) {
            h.add("f" + j);
        }
        Path in = write("wide.csv", utf8(text(h, rows(h, 3))));
        Path out = dir.resolve("wide-out.csv");
        CliRun r = CliRun.run(commands().get(3).args().apply(in, out));
        assertOneLine(r, "predict", in, List.of("12 image-embedding columns f0..f11", "expects 8 (f0..f7)"));
        assertFalse(Files.exists(out));
    }

    @Test
    void predictKeepsRowsAndColumnsAligned() throws IOException {
        Command predict = commands().get(3);
        List<List<String>> rows = rows(predict.header(), 6);
        rows.get(2).replaceAll(x -> ""); // a row without anything: rule none
        Path in = write("mixed.csv", utf8(text(predict.header(), rows)));
        Path out = dir.resolve("mixed-out.csv");
        CliRun r = CliRun.run(predict.args().apply(in, out));
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        int width = lines.get(0).split(",", -1).length;
        for (String l : lines) {
            assertEquals(width, l.split(",", -1).length, "every row has the header's cells: " + l);
        }
        assertTrue(lines.get(3).endsWith(",none"), lines.get(3));
    }

    @Test
    void streamingCommandsReportProblemsOfEveryBatch() throws IOException {
        Command predict = commands().get(3);
        List<List<String>> rows = rows(predict.header(), 9);
        rows.get(1).set(0, "abc");
        rows.set(3, rows.get(3).subList(0, 3));
        rows.get(6).set(0, "0x10");
        rows.get(7).set(4, "1e39");
        Path in = write("batches.csv", utf8(text(predict.header(), rows)));
        Path out = dir.resolve("batches-out.csv");
        String[] args = predict.args().apply(in, out);
        String[] small = java.util.Arrays.copyOf(args, args.length + 2);
        small[args.length] = "--batch-size";
        small[args.length + 1] = "2";
        CliRun r = CliRun.run(small);
        assertOneLine(r, "predict", in, List.of("column 'lon': 2 rows that are not numbers, e.g. row 2: 'abc' is not a"
                + " number", "row 7: '0x10' is not a number", "row 4: the row has 3 cells", "column 'f2', row 8: 1.0E39"));
        assertFalse(Files.exists(out));
    }
}
