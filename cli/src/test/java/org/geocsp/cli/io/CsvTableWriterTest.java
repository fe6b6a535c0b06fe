package org.geocsp.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesHeaderRowsAndShortestExactNumbers() throws IOException {
        Path f = dir.resolve("out.csv");
        try (CsvTableWriter w = new CsvTableWriter(java.nio.file.Files.newBufferedWriter(f), List.of("id", "lon", "score", "n", "note"))) {
            w.writeRow("a", 0.1 + 0.2, 0.1f, 3, "x, \"quoted\"");
            w.writeRow("b", -179.99999999999997, 1.0e-8f, 4L, null);
            assertEquals(2, w.rowsWritten());
            assertThrows(IllegalArgumentException.class, () -> w.writeRow("too", "few"));
        }
        assertEquals(List.of(
                "id,lon,score,n,note",
                "a,0.30000000000000004,0.1,3,\"x, \"\"quoted\"\"\"",
                "b,-179.99999999999997,1.0E-8,4,"), Files.readAllLines(f));
        // 0.1f written as "0.1", not as float64 noise "0.10000000149011612"
        assertEquals(0.1f, Float.parseFloat("0.1"));
    }

    @Test
    void vectorsRoundTripThroughTheReader() throws IOException {
        Path f = dir.resolve("emb.csv");
        float[] v0 = {0.1f, -2.5e-7f, 3.4028235e38f, 1.17549435E-38f};
        float[] v1 = {1f / 3, 2f / 3, -0f, 42f};
        try (CsvTableWriter w = new CsvTableWriter(java.nio.file.Files.newBufferedWriter(f), List.of("lon", "lat", "embedding"))) {
            w.writeRow(12.345678901234567, -45.0, v0);
            w.writeRow(-180.0, 90.0, v1);
        }
        try (GeoDataset d = new CsvTableReader().embeddingVector("embedding").read(f).dataset()) {
            assertEquals(12.345678901234567, d.lonDeg(0));
            assertArrayEquals(v0, d.feature(0));
            assertArrayEquals(v1, d.feature(1));
        }
    }

    @Test
    void formatsDoubleArraysAndRejectsAnEmptyHeader() {
        assertEquals("0.1 2.0", CsvTableWriter.format(new double[] {0.1, 2}));
        assertEquals("", CsvTableWriter.format(null));
        assertThrows(IllegalArgumentException.class, () -> new CsvTableWriter(java.nio.file.Files.newBufferedWriter(dir.resolve("e.csv")), List.of()));
    }
}
