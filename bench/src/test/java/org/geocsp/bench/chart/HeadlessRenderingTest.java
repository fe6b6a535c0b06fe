package org.geocsp.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures must render on machines with a stale {@code DISPLAY} and no {@code java.awt.headless}
 * setting (servers, KNIME batch runs). A child JVM is started that way; the control run with
 * headless explicitly off shows that the setting is what makes the difference.
 */
class HeadlessRenderingTest {

    /** A display that does not exist: a non-headless AWT fails to connect to it. */
    private static final String STALE_DISPLAY = ":7331";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"map", "quality", "loss"})
    void rendersWithAStaleDisplayAndNoHeadlessSetting(String first) throws Exception {
        Result r = run(List.of(), first);
        assertEquals(0, r.exitCode, r.output);
        assertTrue(Files.size(tmp.resolve("map.png")) > 0);
        assertTrue(Files.exists(tmp.resolve(first.equals("map") ? "loss.png" : first + ".png")));
    }

    @Test
    void controlFailsWhenHeadlessIsExplicitlyOff() throws Exception {
        Result r = run(List.of("-Djava.awt.headless=false"), "map");
        assertNotEquals(0, r.exitCode, "an explicit choice must win, and without headless AWT needs the display");
        assertTrue(r.output.contains("X11") || r.output.contains("display"), r.output);
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> jvmArgs, String first) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(HeadlessProbe.class.getName());
        cmd.add(tmp.toString());
        cmd.add(first);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", STALE_DISPLAY);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
