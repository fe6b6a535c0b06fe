package org.geocsp.cli.testutil;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Access to {@code shared/golden/} for cli tests (the same lookup as core's test helper): the
 * system property {@code geocsp.golden}, the environment variable {@code GEOCSP_GOLDEN}, or a
 * {@code shared/golden} found walking up from the working directory.
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

    public static double[][] matrix(JsonElement e) {
        var a = e.getAsJsonArray();
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            var row = a.get(i).getAsJsonArray();
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).getAsDouble();
            }
        }
        return m;
    }
}
