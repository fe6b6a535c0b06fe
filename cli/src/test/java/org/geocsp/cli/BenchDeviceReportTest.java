package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.geocsp.cli.bench.Utilisation;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

/**
 * The throughput benches name the device they ran on and the device of their matmul baseline, and
 * give an MFU only when the two are the same (tiny sizes: structure, not speed).
 */
class BenchDeviceReportTest {

    static String expectedDevice() {
        return Utilisation.name(GeoRuntime.resolveDevice(DeviceChoice.AUTO));
    }

    @Test
    void benchPretrainReportsDeviceAndMfuOnTheSameDevice() {
        CliRun r = CliRun.run("bench", "pretrain", "--json", "--rows", "1536", "--batch-size", "256", "--image-dim",
                "16", "--warmup-steps", "2");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals(expectedDevice(), o.get("device").getAsString());
        assertEquals(o.get("device").getAsString(), o.get("matmul_device").getAsString());
        assertFalse(o.has("mfu_omitted"));
        double mfu = o.get("mfu").getAsDouble();
        assertEquals(o.get("samples_per_s").getAsDouble() * o.get("flops_per_sample").getAsDouble()
                / (o.get("matmul_gflops").getAsDouble() * 1e9), mfu, 1e-12 * mfu);
        CliRun text = CliRun.run("bench", "pretrain", "--rows", "1536", "--batch-size", "256", "--image-dim", "16",
                "--warmup-steps", "2", "--device", "cpu");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("device              cpu") && text.out().contains("same process, on cpu)"),
                text.out());
    }

    @Test
    void benchPredictReportsDeviceAndKeepsItsKeys() {
        CliRun r = CliRun.run("bench", "predict", "--json", "--classes", "20", "--batch-size", "256",
                "--gallery-size", "2000", "--queries", "32", "--image-dim", "16", "--seconds", "0.05");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals(expectedDevice(), o.get("device").getAsString());
        assertEquals(o.get("device").getAsString(), o.get("matmul_device").getAsString());
        for (String key : new String[] {"locations_per_s", "retrieval_queries_per_s", "retrieval_vs_matmul",
            "matmul_gflops"}) {
            assertTrue(o.get(key).getAsDouble() > 0, key);
        }
        assertEquals(o.get("retrieval_similarity_gflops").getAsDouble() / o.get("matmul_gflops").getAsDouble(),
                o.get("retrieval_vs_matmul").getAsDouble(), 1e-9);
        // CSP default stack: Space2Vec-grid (4 x 32 scales = 128 features), 512 hidden, 256 out; 20 classes
        double flops = 2.0 * (128 * 512 + 512 * 256 + 256 * 20);
        assertEquals(flops, o.get("flops_per_location").getAsDouble(), 1e-9);
        assertEquals(o.get("locations_per_s").getAsDouble() * flops / (o.get("matmul_gflops").getAsDouble() * 1e9),
                o.get("mfu").getAsDouble(), 1e-9);
        JsonObject stages = o.getAsJsonObject("stages_ms_per_batch");
        for (String key : new String[] {"position_encoding", "location_stack", "class_logits", "class_scores",
            "read_out", "top_k_and_rows"}) {
            assertTrue(stages.has(key), key);
        }
    }
}
