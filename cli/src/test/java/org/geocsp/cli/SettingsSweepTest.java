package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geocsp.core.settings.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad settings on every training and benchmark command: exit code 2, one line naming the option,
 * no stack trace, no output file, and the settings are refused before the input is read (the
 * input files do not exist, so reading them first would give another message).
 */
class SettingsSweepTest {

    @TempDir
    static Path dir;

    /** The arguments of each command with inputs that do not exist and an output in the temp folder. */
    static List<String> base(String command, Path out) {
        Path missing = Path.of("/nonexistent-geocsp-input/in.csv");
        return switch (command) {
            case "pretrain" -> List.of("pretrain", "--input", missing.toString(), "--output", out.toString());
            case "finetune" -> List.of("finetune", "--model", "/nonexistent-geocsp-input/m.geocsp", "--input",
                    missing.toString(), "--label-column", "label", "--output", out.toString());
            case "encode" -> List.of("encode", "--encoder", "Space2Vec-grid", "--raw", "--input", missing.toString(),
                    "--output", out.toString());
            case "predict" -> List.of("predict", "--model", "/nonexistent-geocsp-input/m.geocsp", "--input",
                    missing.toString(), "--output", out.toString());
            case "geolocate" -> List.of("geolocate", "--model", "/nonexistent-geocsp-input/m.geocsp", "--input",
                    missing.toString(), "--gallery", "/nonexistent-geocsp-input/g.csv", "--output", out.toString());
            case "map" -> List.of("map", "--model", "/nonexistent-geocsp-input/m.geocsp", "--class", "FR", "--output",
                    out.toString());
            case "embed-images" -> List.of("embed-images", "--model", "/nonexistent-geocsp-input/m.pt", "--input",
                    missing.toString(), "--output", out.toString());
            case "bench pretrain" -> List.of("bench", "pretrain", "--epochs", "1");
            case "bench predict" -> List.of("bench", "predict");
            case "bench encoders" -> List.of("bench", "encoders");
            default -> throw new IllegalArgumentException(command);
        };
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("pretrain", "--temperatures 0,1,1", "--temperatures"),
                Arguments.of("pretrain", "--temperatures 1,1", "--temperatures"),
                Arguments.of("pretrain", "--temperatures 20,NaN,1", "--temperatures"),
                Arguments.of("pretrain", "--temperatures 20,1,Infinity", "--temperatures"),
                Arguments.of("pretrain", "--random-weight -5", "--random-weight"),
                Arguments.of("pretrain", "--random-weight NaN", "--random-weight"),
                Arguments.of("pretrain", "--simcse-weight -1", "--simcse-weight"),
                Arguments.of("pretrain", "--lr -1", "--lr"),
                Arguments.of("pretrain", "--lr 0", "--lr"),
                Arguments.of("pretrain", "--epochs 0", "--epochs"),
                Arguments.of("pretrain", "--batch-size 1", "--batch-size"),
                Arguments.of("pretrain", "--batch-size 100000000", "--batch-size"),
                Arguments.of("pretrain", "--negatives 65", "--negatives"),
                Arguments.of("pretrain", "--negatives 0", "--negatives"),
                Arguments.of("pretrain", "--queue-size -1", "--queue-size"),
                Arguments.of("pretrain", "--queue-size 16", "--queue-size"),
                Arguments.of("pretrain", "--validation-fraction 0.95", "--validation-fraction"),
                Arguments.of("pretrain", "--lr-decay 1.5", "--lr-decay"),
                Arguments.of("pretrain", "--frequency-num 100000000", "--frequency-num"),
                Arguments.of("pretrain", "--hidden-dim 0", "--hidden-dim"),
                Arguments.of("pretrain", "--dropout 1", "--dropout"),
                Arguments.of("pretrain", "--false-negative-km -5", "--false-negative-km"),
                Arguments.of("pretrain", "--sampler-jitter-km Infinity", "--sampler-jitter-km"),
                Arguments.of("pretrain", "--objective nope", "--objective"),
                Arguments.of("pretrain", "--optimizer sgd", "--optimizer"),
                Arguments.of("pretrain", "--schedule linear", "--schedule"),
                Arguments.of("pretrain", "--device tpu", "--device"),
                Arguments.of("pretrain", "--patience 3 --validation-fraction 0", "--patience"),
                Arguments.of("finetune", "--label-ratio 0", "--label-ratio"),
                Arguments.of("finetune", "--label-ratio 1.5", "--label-ratio"),
                Arguments.of("finetune", "--random-weight -1", "--random-weight"),
                Arguments.of("finetune", "--lr NaN", "--lr"),
                Arguments.of("finetune", "--freeze nope", "--freeze"),
                Arguments.of("finetune", "--loss nope", "--loss"),
                Arguments.of("finetune", "--sampler training", "--sampler"),
                Arguments.of("finetune", "--max-per-class 0", "--max-per-class"),
                Arguments.of("encode", "--frequency-num 100000000", "--frequency-num"),
                Arguments.of("encode", "--num-anchors 0", "--num-anchors"),
                Arguments.of("encode", "--batch-size 0", "--batch-size"),
                Arguments.of("encode", "--batch-size 100000000", "--batch-size"),
                Arguments.of("predict", "--top-k 0", "--top-k"),
                Arguments.of("predict", "--batch-size -1", "--batch-size"),
                Arguments.of("geolocate", "--batch-size 2000000", "--batch-size"),
                Arguments.of("map", "--width 100000000", "--width"),
                Arguments.of("embed-images", "--size 7", "--size"),
                Arguments.of("embed-images", "--size 4097", "--size"),
                Arguments.of("embed-images", "--batch-size 0", "--batch-size"),
                Arguments.of("embed-images", "--batch-size 4097", "--batch-size"),
                Arguments.of("bench pretrain", "--batch-size 0", "--batch-size"),
                Arguments.of("bench pretrain", "--rows 1000000000", "--rows"),
                Arguments.of("bench predict", "--batch-size -1", "--batch-size"),
                Arguments.of("bench predict", "--gallery-size -5", "--gallery-size"),
                Arguments.of("bench encoders", "--batch-size 0", "--batch-size"),
                Arguments.of("bench encoders", "--seconds 0", "--seconds"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badSettings")
    void badSettingIsRefusedInOneLineBeforeTheInputIsRead(String command, String bad, String option) throws Exception {
        Path out = Files.createTempDirectory(dir, "out").resolve("out.file");
        List<String> args = new ArrayList<>(base(command, out));
        args.addAll(List.of(bad.split(" ")));
        assertRefused(CliRun.run(args.toArray(String[]::new)), command, option, out);
    }

    static void assertRefused(CliRun r, String command, String option, Path out) {
        String err = r.err().strip();
        assertEquals(2, r.exitCode(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("geocsp " + command + ": "), err);
        assertTrue(err.contains(option), "names " + option + ": " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("file not found"), err);
        assertFalse(Files.exists(out), "no output file");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Path out = dir.resolve("all.geocsp");
        List<String> args = new ArrayList<>(base("pretrain", out));
        args.addAll(List.of("--lr", "-1", "--epochs", "0", "--temperatures", "0,1,1", "--random-weight", "NaN",
                "--objective", "nope"));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        for (String o : List.of("--lr", "--epochs", "--temperatures", "--random-weight", "--objective")) {
            assertRefused(r, "pretrain", o, out);
        }
        args = new ArrayList<>(base("finetune", out));
        args.addAll(List.of("--lr", "0", "--freeze", "nope", "--label-ratio", "2"));
        r = CliRun.run(args.toArray(String[]::new));
        for (String o : List.of("--lr", "--freeze", "--label-ratio")) {
            assertRefused(r, "finetune", o, out);
        }
    }

    @Test
    void goodSettingsReachTheInput() {
        // the same command with valid settings fails on the missing input, naming it
        CliRun r = CliRun.run(base("pretrain", dir.resolve("ok.geocsp")).toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("nonexistent-geocsp-input"), r.err());
    }

    @Test
    void helpShowsTheDeclaredDefaultsAndNoPicocliWarning() {
        PrintStream old = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String[] args : new String[][] {{"--help"}, {"demo", "--help"}, {"bench", "--help"},
                {"pretrain", "--help"}, {"finetune", "--help"}, {"encode", "--help"}, {"bench", "quality", "--help"},
                {"bench", "pretrain", "--help"}, {"bench", "predict", "--help"}, {"bench", "encoders", "--help"}}) {
                CliRun r = CliRun.run(args);
                assertEquals(0, r.exitCode(), String.join(" ", args));
                assertFalse(r.out().contains("WARN") || r.err().contains("WARN"), r.out() + r.err());
            }
        } finally {
            System.setErr(old);
        }
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("picocli WARN"),
                captured.toString(StandardCharsets.UTF_8));
        String help = CliRun.run("pretrain", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("In-batch temperature (tau_b), Random-location temperature (tau_l), SimCSE"
                + " temperature (tau_d), comma-separated (default 20,1,1; each (0, 1e9])"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("Peak learning rate. (default 0.0005; (0, 100])"), help);
        String ft = CliRun.run("finetune", "--help").out();
        assertTrue(ft.replaceAll("\\s+", " ").contains("Peak learning rate. (default 0.001; (0, 100])"), ft);
        String ei = CliRun.run("embed-images", "--help").out().replaceAll("\\s+", " ");
        assertTrue(ei.contains("Images per forward pass. (default 32; [1, 4096])")
                && ei.contains("centre-cropped to size x size. (default 224; [8, 4096])"), ei);
    }

    static final List<String> STACK_OPTIONS = org.geocsp.core.nn.StackParams.ALL.stream()
            .map(Param::cliOption).filter(o -> o != null).toList();

    /** Every numeric declaration of the pre-training command with its option. */
    static Map<String, DeclaredOptions> declarations() {
        return DeclaredOptions.all();
    }

    @Property(tries = 60)
    void anyOutOfRangeNumberIsRefusedByName(@ForAll("outOfRange") String[] optionAndValue) throws Exception {
        String command = optionAndValue[0];
        Path tmp = Files.createTempDirectory("geocsp-sweep");
        try {
            Path out = tmp.resolve("out.file");
            List<String> args = new ArrayList<>(base(command, out));
            if (command.equals("geolocate") && optionAndValue[1].equals("--grid-degrees")) {
                args.remove(args.indexOf("--gallery") + 1);
                args.remove("--gallery"); // the grid replaces the gallery file
            }
            if (command.equals("encode") && STACK_OPTIONS.contains(optionAndValue[1])) {
                // the stack options of encode go with --weights instead of --raw
                args.set(args.indexOf("--raw"), "--weights");
                args.add(args.indexOf("--weights") + 1, "/nonexistent-geocsp-input/w.safetensors");
            }
            args.add(optionAndValue[1]);
            args.add(optionAndValue[2]);
            assertRefused(CliRun.run(args.toArray(String[]::new)), command, optionAndValue[1], out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Provide
    Arbitrary<String[]> outOfRange() {
        List<String[]> cases = new ArrayList<>();
        for (Map.Entry<String, DeclaredOptions> e : declarations().entrySet()) {
            for (Param p : e.getValue().params()) {
                if (p.cliOption() != null && (p.type() == Param.Type.INT || p.type() == Param.Type.DOUBLE)
                        && !p.cliOption().equals("--temperatures")) {
                    cases.add(new String[] {e.getKey(), p.cliOption(), p.type().name(), Double.toString(p.min()),
                        Double.toString(p.max()), Boolean.toString(p.minExclusive())});
                }
            }
        }
        Arbitrary<String[]> which = Arbitraries.of(cases);
        Arbitrary<Double> offset = Arbitraries.doubles().between(0, 1e6);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        return Combinators.combine(which, offset, kind).as((c, off, k) -> {
            double min = Double.parseDouble(c[3]);
            double max = Double.parseDouble(c[4]);
            boolean integer = c[2].equals("INT");
            String value;
            if (integer) {
                // below the minimum or above the maximum, within int (beyond it picocli refuses the text)
                long v = k % 2 == 0 ? (long) min - 1 - off.longValue() : (long) max + 1 + off.longValue();
                value = Long.toString(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
                if (v > Integer.MAX_VALUE && max >= Integer.MAX_VALUE) {
                    value = Long.toString((long) min - 1);
                }
            } else {
                value = switch (k) {
                    case 0 -> Double.toString(Boolean.parseBoolean(c[5]) ? min - off : min - 1e-9 - off);
                    case 1 -> Double.toString(max + 1 + off);
                    case 2 -> "NaN";
                    case 3 -> "Infinity";
                    default -> "-Infinity";
                };
            }
            return new String[] {c[0], c[1], value};
        });
    }
}
