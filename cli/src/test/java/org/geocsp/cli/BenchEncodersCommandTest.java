package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.encode.EncoderRegistry;
import org.junit.jupiter.api.Test;

/**
 * {@code geocsp bench encoders --json} with a tiny budget: structure and sanity, no timing
 * assertions. A small batch keeps the test short: at batch 4096 one dfs forward pass (4224
 * features) takes seconds on a loaded 2-core machine, and each measurement runs at least 7.
 */
class BenchEncodersCommandTest {

    @Test
    void jsonListsEveryEncoderWithPositiveNumbers() {
        CliRun r = CliRun.run("bench", "encoders", "--json", "--seconds", "0.05", "--batch-size", "256");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertTrue(o.get("matmul_gflops").getAsDouble() > 0);
        assertEquals(BenchDeviceReportTest.expectedDevice(), o.get("device").getAsString());
        List<String> names = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("encoders")) {
            JsonObject x = e.getAsJsonObject();
            String name = x.get("name").getAsString();
            names.add(name);
            assertTrue(x.get("features").getAsInt() > 0, name);
            assertTrue(x.get("parameters").getAsLong() > 0, name);
            assertTrue(x.get("pe_locations_per_s").getAsDouble() > 0, name);
            assertTrue(x.get("locations_per_s").getAsDouble() > 0, name);
            assertTrue(x.get("ratio_vs_grid").getAsDouble() > 0, name);
            if (name.equals("Space2Vec-grid")) {
                assertEquals(128, x.get("features").getAsInt(), "4S features at S = 32");
                assertEquals(1.0, x.get("ratio_vs_grid").getAsDouble(), 1e-12);
            }
            if (name.equals("Sphere2Vec-dfs")) {
                assertEquals(4 * 32 * 32 + 4 * 32, x.get("features").getAsInt());
            }
        }
        assertEquals(EncoderRegistry.names(), names, "every registered encoder, in registration order");
    }
}
