package org.geocsp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchAssemblerTest {

    static NDManager root;

    @TempDir
    Path dir;

    GeoDataset data;

    @BeforeAll
    static void start() {
        root = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** 20 rows, 3 classes, embeddings of width 3: row r holds (r, r + 0.25, -r). */
    @BeforeEach
    void build() throws IOException {
        GeoDataset.Builder b = GeoDataset.builder().withLabels("label").withFeatures(3, dir);
        for (int r = 0; r < 20; r++) {
            b.add(-179.5 + r * 17.123456789, -89 + r * 9.000000001, "k" + (r % 3),
                    new float[] {r, r + 0.25f, -r}, null);
        }
        data = b.build();
    }

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void batchHoldsTheRequestedRowsWithTheDocumentedTypes() {
        BatchAssembler a = new BatchAssembler(data, 8);
        int[] order = {19, 4, 4, 0, 11, 7};
        try (NDManager step = root.newSubManager()) {
            BatchAssembler.Batch b = a.assemble(order, 1, 5, step);
            assertEquals(4, b.size());
            assertArrayEquals(new int[] {4, 4, 0, 11}, b.rows());
            assertEquals(new Shape(4, 2), b.coordinates().getShape());
            assertEquals(DataType.FLOAT64, b.coordinates().getDataType());
            assertEquals(new Shape(4, 3), b.embeddings().getShape());
            assertEquals(DataType.FLOAT32, b.embeddings().getDataType());
            assertEquals(new Shape(4), b.labels().getShape());
            assertEquals(DataType.INT64, b.labels().getDataType());
            assertArrayEquals(expectedCoords(b.rows()), b.coordinates().toDoubleArray());
            assertArrayEquals(expectedEmbeddings(b.rows()), b.embeddings().toFloatArray());
            assertArrayEquals(new long[] {1, 1, 0, 2}, b.labels().toLongArray());
        }
    }

    @Test
    void optionalPartsCanBeLeftOut() {
        BatchAssembler a = new BatchAssembler(data, 4, false, false, BatchAssembler.Mode.COPY);
        try (NDManager step = root.newSubManager()) {
            BatchAssembler.Batch b = a.assemble(new int[] {3}, step);
            assertNull(b.embeddings());
            assertNull(b.labels());
            assertArrayEquals(expectedCoords(new int[] {3}), b.coordinates().toDoubleArray());
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchAssembler(data, 0));
    }

    @Test
    void requestingMissingPartsFails() throws IOException {
        GeoDataset bare = GeoDataset.builder().add(1, 2).build();
        assertThrows(IllegalArgumentException.class,
                () -> new BatchAssembler(bare, 4, true, false, BatchAssembler.Mode.COPY));
        assertThrows(IllegalArgumentException.class,
                () -> new BatchAssembler(bare, 4, false, true, BatchAssembler.Mode.COPY));
        BatchAssembler a = new BatchAssembler(bare, 4);
        try (NDManager step = root.newSubManager()) {
            BatchAssembler.Batch b = a.assemble(new int[] {0}, step);
            assertArrayEquals(new double[] {1, 2}, b.coordinates().toDoubleArray());
            assertNull(b.embeddings());
        }
    }

    /** Engine fact behind the design: a direct buffer given to create() is aliased on the CPU. */
    @Test
    void pytorchEngineAliasesDirectBuffersOnCpu() {
        ByteBuffer buf = ByteBuffer.allocateDirect(3 * 4).order(ByteOrder.nativeOrder());
        buf.asFloatBuffer().put(new float[] {1, 2, 3});
        try (NDManager step = root.newSubManager()) {
            NDArray x = step.create(buf, new Shape(3), DataType.FLOAT32);
            buf.asFloatBuffer().put(new float[] {7, 8, 9});
            assertArrayEquals(new float[] {7, 8, 9}, x.toFloatArray(),
                    "if this fails the engine now copies; BatchAssembler's COPY mode is then redundant");
        }
    }

    @Test
    void copyModeBatchesSurviveTheNextBatch() {
        BatchAssembler a = new BatchAssembler(data, 5);
        try (NDManager step = root.newSubManager()) {
            BatchAssembler.Batch first = a.assemble(new int[] {1, 2, 3, 4, 5}, step);
            BatchAssembler.Batch second = a.assemble(new int[] {15, 16, 17, 18, 19}, step);
            BatchAssembler.Batch third = a.assemble(new int[] {9, 8}, step); // shorter last batch
            assertArrayEquals(expectedCoords(first.rows()), first.coordinates().toDoubleArray());
            assertArrayEquals(expectedEmbeddings(first.rows()), first.embeddings().toFloatArray());
            assertArrayEquals(new long[] {1, 2, 0, 1, 2}, first.labels().toLongArray());
            assertArrayEquals(expectedEmbeddings(second.rows()), second.embeddings().toFloatArray());
            assertArrayEquals(expectedCoords(third.rows()), third.coordinates().toDoubleArray());
            assertEquals(new Shape(2, 3), third.embeddings().getShape());
        }
        // arrays live in the per-step manager, buffers in the assembler: a new step works as before
        try (NDManager step = root.newSubManager()) {
            BatchAssembler.Batch again = a.assemble(new int[] {0}, step);
            assertArrayEquals(expectedEmbeddings(new int[] {0}), again.embeddings().toFloatArray());
        }
    }

    @Test
    void aliasModeArraysAreOverwrittenByTheNextBatchAsDocumented() {
        BatchAssembler a = new BatchAssembler(data, 5, true, true, BatchAssembler.Mode.ALIAS);
        try (NDManager step = root.newSubManager()) {
            BatchAssembler.Batch first = a.assemble(new int[] {1, 2}, step);
            assertArrayEquals(expectedEmbeddings(new int[] {1, 2}), first.embeddings().toFloatArray());
            NDArray kept = first.embeddings().duplicate(); // what a caller must do to keep a batch
            a.assemble(new int[] {10, 11}, step);
            assertArrayEquals(expectedEmbeddings(new int[] {10, 11}), first.embeddings().toFloatArray());
            assertArrayEquals(expectedEmbeddings(new int[] {1, 2}), kept.toFloatArray());
        }
    }

    @Test
    void rejectsBadBatches() {
        BatchAssembler a = new BatchAssembler(data, 2);
        try (NDManager step = root.newSubManager()) {
            assertThrows(IllegalArgumentException.class, () -> a.assemble(new int[] {1, 2, 3}, step));
            assertThrows(IllegalArgumentException.class, () -> a.assemble(new int[0], step));
            assertThrows(IndexOutOfBoundsException.class, () -> a.assemble(new int[] {20}, step));
        }
    }

    double[] expectedCoords(int[] rows) {
        double[] out = new double[rows.length * 2];
        for (int k = 0; k < rows.length; k++) {
            out[2 * k] = -179.5 + rows[k] * 17.123456789;
            out[2 * k + 1] = -89 + rows[k] * 9.000000001;
        }
        return out;
    }

    static float[] expectedEmbeddings(int[] rows) {
        float[] out = new float[rows.length * 3];
        for (int k = 0; k < rows.length; k++) {
            out[3 * k] = rows[k];
            out[3 * k + 1] = rows[k] + 0.25f;
            out[3 * k + 2] = -rows[k];
        }
        return out;
    }
}
