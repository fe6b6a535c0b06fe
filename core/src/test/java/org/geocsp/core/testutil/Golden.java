package org.geocsp.core.testutil;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Access to {@code ../shared/golden/} (reference values computed with the public reference
 * implementations). The folder is found from the system property {@code geocsp.golden}, the
 * environment variable {@code GEOCSP_GOLDEN}, or by walking up from the working directory to a
 * sibling {@code shared/golden}.
 */
public final class Golden {

    private Golden() {}

    public static Path dir() {
        String p = System.getProperty("geocsp.golden", System.getenv("GEOCSP_GOLDEN"));
        if (p != null) {
            return Paths.get(p);
        }
        Path d = Paths.get("").toAbsolutePath();
        while (d != null) {
            for (Path c : new Path[] {d.resolve("shared/golden"), d.resolveSibling("shared").resolve("golden")}) {
                if (Files.isRegularFile(c.resolve("pe_raw.json"))) {
                    return c;
                }
            }
            d = d.getParent();
        }
        throw new IllegalStateException("golden folder not found: set -Dgeocsp.golden or GEOCSP_GOLDEN");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    public static JsonObject json(String name) {
        try (Reader r = Files.newBufferedReader(file(name))) {
            return JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read golden file " + name, e);
        }
    }

    public static double[] vector(JsonElement e) {
        var a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    public static double[][] matrix(JsonElement e) {
        var a = e.getAsJsonArray();
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(a.get(i));
        }
        return m;
    }

    /**
     * Asserts |actual − expected| ≤ max(tol, tol·|expected|) element-wise, naming the first
     * offending (row, column) and the worst error.
     */
    public static void assertClose(double[][] expected, double[][] actual, double tol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " rows, expected " + expected.length);
        }
        double worst = 0;
        String first = null;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].length != actual[i].length) {
                throw new AssertionError(what + ": row " + i + " has " + actual[i].length + " columns, expected "
                        + expected[i].length);
            }
            for (int j = 0; j < expected[i].length; j++) {
                double err = Math.abs(actual[i][j] - expected[i][j]);
                double allowed = Math.max(tol, tol * Math.abs(expected[i][j]));
                if (!(err <= allowed)) {
                    if (first == null) {
                        first = "row " + i + " col " + j + ": expected " + expected[i][j] + " got " + actual[i][j];
                    }
                }
                if (err > worst || Double.isNaN(err)) {
                    worst = err;
                }
            }
        }
        if (first != null) {
            throw new AssertionError(what + ": " + first + " (worst abs error " + worst + ", tolerance " + tol + ")");
        }
    }
}
