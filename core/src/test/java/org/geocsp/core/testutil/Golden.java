package org.geocsp.core.testutil;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Access to the golden reference values (computed with the public reference implementations; see
 * the README next to them for provenance), kept in the test resources under
 * {@code org/geocsp/core/testutil/golden/} so that the tests need nothing outside the repository.
 * They travel in the core test-jar too: read from a jar, the files are copied once into a
 * temporary folder (the tests need paths). The system property {@code geocsp.golden} (or the
 * environment variable {@code GEOCSP_GOLDEN}) points at another folder instead.
 */
public final class Golden {

    /** The files of the golden folder. */
    static final List<String> FILES = List.of("README.md", "pe_raw.json", "encoder_forward.json",
            "encoder_gridcell.safetensors", "losses.json", "losses_l2regress.safetensors");
    private static final String RESOURCE = "golden/";
    private static Path dir;

    private Golden() {}

    public static synchronized Path dir() {
        if (dir != null) {
            return dir;
        }
        String p = System.getProperty("geocsp.golden", System.getenv("GEOCSP_GOLDEN"));
        if (p != null) {
            return dir = Paths.get(p);
        }
        URL readme = Golden.class.getResource(RESOURCE + "README.md");
        if (readme == null) {
            throw new IllegalStateException("golden files not on the class path (org/geocsp/core/testutil/golden/)");
        }
        try {
            if ("file".equals(readme.getProtocol())) {
                return dir = Paths.get(readme.toURI()).getParent();
            }
            Path tmp = Files.createTempDirectory("geocsp-golden");
            for (String f : FILES) {
                try (InputStream in = Golden.class.getResourceAsStream(RESOURCE + f)) {
                    if (in == null) {
                        throw new IllegalStateException("golden file " + f + " missing from the class path");
                    }
                    Files.copy(in, tmp.resolve(f));
                }
                tmp.resolve(f).toFile().deleteOnExit();
            }
            tmp.toFile().deleteOnExit();
            return dir = tmp;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the golden files", e);
        }
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
