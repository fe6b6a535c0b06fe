package org.geocsp.core.encode;

import org.geocsp.core.runtime.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.geocsp.core.io.InvalidInputException;

/**
 * A trainable embedding per lon/lat cell (TorchSpatial {@code tile_ffn},
 * {@code GridLookupSpatialRelationLocationEncoder}): the globe is cut into cells of
 * {@link EncoderSpec#tileSizeDeg()} degrees, ceil(360/size) columns from lon −180 and
 * ceil(180/size) rows from lat −90, and each location gets its cell's row of the table
 * (parameter {@value #TABLE}, shape (cells, 4·{@link EncoderSpec#frequencyNum()}), so that the
 * width matches Space2Vec-grid's 4S features at the same settings).
 *
 * <p>Cells are half-open [lo, lo + size); points on the east or north edge (lon = 180, lat = 90)
 * go into the last column or row. The cell of row r and column c has index r·columns + c.
 * Unlike the reference, whose cell size never reached the lookup (so every location shared one
 * cell), the cell size here is honoured. The table is initialised N(0, 1), like
 * {@code torch.nn.Embedding}, from {@link EncoderSpec#seed()} with {@link java.util.Random}.
 */
public final class TileEncoder extends PositionEncoder {

    /** Name of the embedding-table parameter. */
    public static final String TABLE = "embedding";

    /** Largest table (weights) built: 64 M float32 values, 256 MB. */
    static final long MAX_TABLE_VALUES = 64L << 20;

    private final double size;
    private final int columns;
    private final int rows;
    private final int width;
    private final Parameter table;

    public TileEncoder(EncoderSpec spec) {
        super(spec);
        this.size = spec.tileSizeDeg();
        this.columns = cellsAlong(360, size);
        this.rows = cellsAlong(180, size);
        this.width = 4 * spec.frequencyNum();
        long cells = (long) columns * rows;
        if (cells * width > MAX_TABLE_VALUES) {
            double minSize = Math.sqrt(360.0 * 180.0 * width / MAX_TABLE_VALUES);
            throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "tile_ffn: tile_size %s° gives %d cells x %d features = %d weights, more than the limit of %d;"
                            + " use a tile_size of at least %.3f° or a smaller frequency_num",
                    size, cells, width, cells * width, MAX_TABLE_VALUES, minSize));
        }
        long seed = spec.seed();
        this.table = addParameter(Parameter.builder()
                .setName(TABLE)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(cells, width))
                .optInitializer((m, shape, type) -> {
                    Random r = new Random(seed);
                    float[] v = new float[Math.toIntExact(shape.size())];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) r.nextGaussian();
                    }
                    return Tensors.owned(m.create(v, shape)).toType(type, false);
                })
                .build());
    }

    /** ceil(extent/size); the tolerance keeps a size that divides the extent up to rounding from adding a sliver cell. */
    private static int cellsAlong(double extentDeg, double sizeDeg) {
        return (int) Math.max(1, Math.ceil(extentDeg / sizeDeg - 1e-9));
    }

    /** Number of cells (rows of the table). */
    public int cellCount() {
        return columns * rows;
    }

    /** Number of cell columns along the longitude. */
    public int columns() {
        return columns;
    }

    /** Number of cell rows along the latitude. */
    public int rows() {
        return rows;
    }

    @Override
    public int outputDim() {
        return width;
    }

    /**
     * The cell index of each location, computed on the input's device.
     *
     * @param lonLatDeg (B, 2) of (lon, lat) in degrees
     * @return int64 (B) cell indices in [0, {@link #cellCount()})
     */
    public NDArray cellIndex(NDArray lonLatDeg) {
        NDArray c = lonLatDeg.toType(DataType.FLOAT64, false);
        NDArray col = c.get(":, 0").add(180).div(size).floor().clip(0, columns - 1);
        NDArray row = c.get(":, 1").add(90).div(size).floor().clip(0, rows - 1);
        return row.mul(columns).add(col).toType(DataType.INT64, false);
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore parameterStore, boolean training) {
        NDArray weights = parameterStore.getValue(table, lonLatDeg.getDevice(), training);
        NDArray idx = cellIndex(lonLatDeg);
        // the lookup is created through the index's (batch) manager, not the table's (model) manager
        return idx.getNDArrayInternal().embedding(idx, weights, SparseFormat.DENSE).head();
    }
}
