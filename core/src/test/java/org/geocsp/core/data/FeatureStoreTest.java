package org.geocsp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreTest {

    @TempDir
    Path dir;

    /** A value that differs for every (row, col) and is exactly representable in float32. */
    static float value(long row, int col) {
        return (float) ((row * 131 + col * 7) % 100_003) - 50_000.5f;
    }

    static float[] rowValues(long row, int dim) {
        float[] r = new float[dim];
        for (int c = 0; c < dim; c++) {
            r[c] = value(row, c);
        }
        return r;
    }

    @Test
    void roundTripRowByRowAndBlocksWithSegmentsSplittingRows() throws IOException {
        int dim = 5;
        int rows = 37;
        Path f = dir.resolve("f.f32");
        // 12-byte segments hold 3 floats: nearly every row straddles segment boundaries.
        try (FeatureStore.Writer w = FeatureStore.writer(f, dim).segmentBytes(12)) {
            for (int r = 0; r < 10; r++) {
                w.appendRow(rowValues(r, dim));
            }
            float[] block = new float[27 * dim];
            for (int r = 10; r < rows; r++) {
                System.arraycopy(rowValues(r, dim), 0, block, (r - 10) * dim, dim);
            }
            w.appendRows(block, 0, 27);
            assertEquals(rows, w.rowsWritten());
            try (FeatureStore s = w.finish()) {
                assertEquals(rows, s.rows());
                assertEquals(dim, s.dim());
                assertEquals((rows * dim + 2) / 3, s.segmentCount());
                FloatBuffer direct = ByteBuffer.allocateDirect(rows * dim * 4).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (int r = 0; r < rows; r++) {
                    assertArrayEquals(rowValues(r, dim), s.row(r), "row " + r);
                    s.readRow(r, direct);
                    for (int c = 0; c < dim; c++) {
                        assertEquals(value(r, c), s.get(r, c));
                    }
                }
                assertEquals(rows * dim, direct.position());
                for (int i = 0; i < rows * dim; i++) {
                    assertEquals(value(i / dim, i % dim), direct.get(i), "flat index " + i);
                }
            }
        }
        assertTrue(Files.exists(f), "a named store file is kept after close");
        try (FeatureStore again = FeatureStore.open(f, 8)) {
            assertArrayEquals(rowValues(36, dim), again.row(36));
        }
    }

    @Test
    void fileFollowsTheDocumentedLayout() throws IOException {
        Path f = dir.resolve("layout.f32");
        try (FeatureStore.Writer w = FeatureStore.writer(f, 3)) {
            w.appendRow(new float[] {1.5f, -2f, 3.25f});
            w.appendRow(new float[] {4f, 5f, 6f});
            w.finish().close();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(32 + 2 * 3 * 4, b.capacity());
        byte[] magic = new byte[8];
        b.get(magic);
        assertEquals("GCSPFEAT", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt());
        assertEquals(3, b.getInt());
        assertEquals(2L, b.getLong());
        assertEquals(0L, b.getLong());
        assertEquals(1.5f, b.getFloat(32));
        assertEquals(-2f, b.getFloat(36));
        assertEquals(6f, b.getFloat(32 + 5 * 4));
    }

    /**
     * A store of more than 2^31 bytes, written as a sparse file following the documented layout
     * (only three rows hold data), read with the default 1 GiB segments. The odd width makes
     * rows straddle both segment boundaries and the 2^31-byte offset.
     */
    @Test
    void readsBeyondTwoGibibytes() throws IOException {
        int dim = 1_000_003;
        int rows = 540;
        long bytes = FeatureStore.HEADER_BYTES + (long) rows * dim * 4;
        assertTrue(bytes > (1L << 31));
        Path f = dir.resolve("big.f32");
        int[] written = {268, 536, 539};
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw"); FileChannel ch = raf.getChannel()) {
            raf.setLength(bytes);
            ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            h.put("GCSPFEAT".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(dim).putLong(rows).putLong(0);
            ch.write(h.flip(), 0);
            ByteBuffer row = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int r : written) {
                row.clear();
                row.asFloatBuffer().put(rowValues(r, dim));
                ch.write(row, FeatureStore.HEADER_BYTES + (long) r * dim * 4);
            }
        }
        // floats per 1 GiB segment = 2^28; these rows cross segment ends
        assertTrue(268L * dim < (1L << 28) && 269L * dim > (1L << 28));
        assertTrue(536L * dim * 4 < (1L << 31) && 537L * dim * 4 > (1L << 31));
        try (FeatureStore s = FeatureStore.open(f)) {
            assertEquals(rows, s.rows());
            assertEquals(3, s.segmentCount());
            for (int r : written) {
                assertArrayEquals(rowValues(r, dim), s.row(r), "row " + r);
            }
            assertEquals(value(539, dim - 1), s.get(539, dim - 1));
            assertEquals(0f, s.get(400, 17), "unwritten sparse rows read as zero");
            FloatBuffer direct = ByteBuffer.allocateDirect(dim * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            s.readRow(536, direct);
            assertEquals(value(536, 0), direct.get(0));
            assertEquals(value(536, dim - 1), direct.get(dim - 1));
        }
    }

    @Test
    void tempStoreIsDeletedOnClose() throws IOException {
        Path file;
        try (FeatureStore.Writer w = FeatureStore.tempWriter(dir, 2)) {
            w.appendRow(new float[] {1, 2});
            FeatureStore s = w.finish();
            file = s.file();
            assertEquals(dir, file.getParent());
            s.close();
            assertFalse(Files.exists(file));
            assertThrows(IllegalStateException.class, () -> s.row(0), "closed store");
        }
    }

    @Test
    void tempStoreLeavesNoFileBehindEvenWhileInUse() throws IOException {
        // Linux: the name is gone from the moment the writer opens it, so a killed JVM leaks nothing
        float[] row = new float[64];
        try (FeatureStore.Writer w = FeatureStore.tempWriter(dir, 64)) {
            for (int i = 0; i < 1000; i++) {
                java.util.Arrays.fill(row, i);
                w.appendRow(row);
            }
            assertEquals(List.of(), listing(), "no file in the folder while writing");
            try (FeatureStore s = w.finish()) {
                assertEquals(List.of(), listing(), "nor while reading");
                assertEquals(999f, s.get(999, 63));
                assertEquals(500f, s.row(500)[0]);
            }
        }
        assertEquals(List.of(), listing());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void unfinishedWriterDeletesItsFile() throws IOException {
        Path f = dir.resolve("partial.f32");
        try (FeatureStore.Writer w = FeatureStore.writer(f, 4)) {
            w.appendRow(new float[] {1, 2, 3, 4});
            assertTrue(Files.exists(f));
        }
        assertFalse(Files.exists(f));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void rejectsWrongWidthAndDamagedFiles() throws IOException {
        Path f = dir.resolve("x.f32");
        try (FeatureStore.Writer w = FeatureStore.writer(f, 4)) {
            assertThrows(IllegalArgumentException.class, () -> w.appendRow(new float[] {1, 2, 3}));
            w.appendRow(new float[] {1, 2, 3, 4});
            w.finish().close();
        }
        // truncated data
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(40);
        }
        IOException e = assertThrows(IOException.class, () -> FeatureStore.open(f));
        assertTrue(e.getMessage().contains("expected 48"), e.getMessage());
        // header of a writer that never finished
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ByteBuffer rows = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).flip();
            ch.write(rows, 16);
        }
        e = assertThrows(IOException.class, () -> FeatureStore.open(f));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
        Files.writeString(dir.resolve("t.txt"), "lon,lat,label,f0,f1,f2,f3\n1.0,2.0,a,0,0,0,0\n");
        e = assertThrows(IOException.class, () -> FeatureStore.open(dir.resolve("t.txt")));
        assertTrue(e.getMessage().contains("not a GeoCSP feature store"), e.getMessage());
    }

    @Test
    void emptyStore() throws IOException {
        try (FeatureStore.Writer w = FeatureStore.tempWriter(dir, 8); FeatureStore s = w.finish()) {
            assertEquals(0, s.rows());
            assertThrows(IndexOutOfBoundsException.class, () -> s.row(0));
        }
    }
}
