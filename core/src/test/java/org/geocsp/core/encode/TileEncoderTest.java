package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TileEncoderTest {

    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static TileEncoder tile(double sizeDeg) {
        return (TileEncoder) EncoderRegistry.create(EncoderSpec.of("tile").withTileSizeDeg(sizeDeg).withFrequencyNum(4));
    }

    static long[] cells(TileEncoder enc, double[][] lonLat) {
        try (NDManager m = manager.newSubManager()) {
            return enc.cellIndex(Nd.matrix(m, lonLat).toType(DataType.FLOAT32, false)).toLongArray();
        }
    }

    static double[][] forward(TileEncoder enc, double[][] lonLat) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = Nd.matrix(m, lonLat).toType(DataType.FLOAT32, false);
            enc.initialize(m, DataType.FLOAT32, in.getShape());
            NDArray out = enc.forward(new ParameterStore(m, false), new NDList(in), false).head();
            assertEquals(DataType.FLOAT32, out.getDataType());
            return Nd.toMatrix(out);
        }
    }

    @Test
    void numberOfCellsFollowsTheTileSize() {
        assertEquals("tile_ffn", EncoderRegistry.canonicalName("tile"));
        assertEquals(360 * 180, tile(1).cellCount());
        assertEquals(36 * 18, tile(10).cellCount());
        assertEquals(52 * 26, tile(7).cellCount()); // ceil(360/7) x ceil(180/7): the last cells are partial
        assertEquals(1200 * 600, tile(0.3).cellCount());
        assertEquals(2, tile(180).cellCount());
        TileEncoder t = tile(10);
        assertEquals(16, t.outputDim());
        assertEquals(new Shape(648, 16), t.getParameters().get(TileEncoder.TABLE).getShape());
    }

    @Test
    void cellIndicesIncludingEdges() {
        TileEncoder t = tile(10); // 36 columns, 18 rows; index = row·36 + column
        double[][] pts = {{-180, -90}, {-170.0001, -80.0001}, {-170, -90}, {-180, -80}, {0, 0}, {179.99, 89.99},
            {180, 90}, {180, -90}, {-180, 90}, {5, 45}};
        long[] c = cells(t, pts);
        assertArrayEquals(new long[] {0, 0, 1, 36, 9 * 36 + 18, 17 * 36 + 35, 17 * 36 + 35, 35, 17 * 36,
            13 * 36 + 18}, c);
        // Partial last cells with a size that does not divide 360: lon 180 is in column 51, lat 90 in row 25.
        assertArrayEquals(new long[] {25L * 52 + 51, 51}, cells(tile(7), new double[][] {{180, 90}, {179, -90}}));
    }

    @Test
    void sameCellSameRowDistinctCellsDistinctRows() {
        TileEncoder t = tile(10);
        double[][] out = forward(t, new double[][] {{1, 1}, {9.9, 9.9}, {11, 1}, {1, 11}, {-1, -1}});
        assertArrayEquals(out[0], out[1], 0, "same cell");
        for (int i = 2; i < out.length; i++) {
            assertFalse(java.util.Arrays.equals(out[0], out[i]), "row " + i + " is another cell");
        }
        // The cell size works (the reference ignored it and mapped everything to one cell).
        double[][] fine = forward(tile(1), new double[][] {{0.5, 0.5}, {1.5, 0.5}});
        assertFalse(java.util.Arrays.equals(fine[0], fine[1]));
    }

    @Test
    void oversizedTableIsRejectedWithAHint() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EncoderRegistry.create(EncoderSpec.of("tile_ffn").withTileSizeDeg(0.05)));
        assertTrue(e.getMessage().contains("tile_size"), e.getMessage());
        assertTrue(e.getMessage().contains("at least"), e.getMessage());
    }

    @Test
    void gradientsReachTheTableRowsOfTheBatchOnly() {
        TileEncoder t = tile(10);
        try (NDManager m = manager.newSubManager()) {
            NDArray in = Nd.matrix(m, new double[][] {{1, 1}, {2, 2}, {-45, 30}}).toType(DataType.FLOAT32, false);
            t.initialize(m, DataType.FLOAT32, in.getShape());
            Parameter table = t.getParameters().get(TileEncoder.TABLE);
            assertTrue(table.requiresGradient());
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                NDArray out = t.forward(ps, new NDList(in), true).head();
                gc.backward(out.sum());
            }
            NDArray grad = ps.getValue(table, Device.cpu(), true).getGradient();
            long[] idx = cells(t, new double[][] {{1, 1}, {-45, 30}});
            double[][] g = Nd.toMatrix(grad);
            for (double v : g[(int) idx[0]]) {
                assertEquals(2.0, v, 0, "two batch rows share the first cell");
            }
            for (double v : g[(int) idx[1]]) {
                assertEquals(1.0, v, 0);
            }
            double total = 0;
            for (double[] row : g) {
                for (double v : row) {
                    total += v;
                }
            }
            assertEquals(3.0 * t.outputDim(), total, 0, "no other row gets a gradient");
        }
    }
}
