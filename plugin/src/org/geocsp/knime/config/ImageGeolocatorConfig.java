package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.predict.Gallery;
import org.geocsp.core.predict.GeolocationBatch;

/**
 * Settings of the Image Geolocator node: the image-embedding columns, optional true coordinates
 * (for the error in km), the candidate locations (a gallery table at the optional port, or a
 * global grid) and how many candidates to append.
 */
public final class ImageGeolocatorConfig extends NodeConfig {

    public static final String TAB_COLUMNS = "Columns";
    public static final String TAB_GALLERY = "Gallery";
    public static final int DATA_PORT = 1;
    /** Port of the optional gallery table. */
    public static final int GALLERY_PORT = 2;

    public static final String GRID_EQUAL_AREA = "equal-area grid";
    public static final String GRID_REGULAR = "regular grid";

    public static final EmbeddingColumns EMBEDDING = new EmbeddingColumns("image_embedding", "Image embedding",
            DATA_PORT, false, TAB_COLUMNS);
    public static final Setting TRUE_LON = Setting.column("true_longitude_column", "True longitude column",
            ColumnKind.NUMBER, DATA_PORT, true, TAB_COLUMNS);
    public static final Setting TRUE_LAT = Setting.column("true_latitude_column", "True latitude column",
            ColumnKind.NUMBER, DATA_PORT, true, TAB_COLUMNS);
    public static final Setting TOP_K = Setting.integer("top_k", "Top-k", 5, 1, 10_000, TAB_COLUMNS);

    public static final Setting GRID = Setting.choice("grid", "Grid without gallery table", GRID_EQUAL_AREA,
            List.of(GRID_EQUAL_AREA, GRID_REGULAR), TAB_GALLERY);
    public static final Setting GRID_RESOLUTION = Setting.real("grid_resolution", "Grid resolution (degrees)", 1.0,
            Gallery.MIN_RESOLUTION_DEG, 90, TAB_GALLERY);
    public static final Setting GALLERY_LON = Setting.column("gallery_longitude_column", "Gallery longitude column",
            ColumnKind.NUMBER, GALLERY_PORT, false, TAB_GALLERY);
    public static final Setting GALLERY_LAT = Setting.column("gallery_latitude_column", "Gallery latitude column",
            ColumnKind.NUMBER, GALLERY_PORT, false, TAB_GALLERY);

    public static final List<Setting> SETTINGS = concat(EMBEDDING.settings(),
            List.of(TRUE_LON, TRUE_LAT, TOP_K, GRID, GRID_RESOLUTION, GALLERY_LON, GALLERY_LAT));

    public static final String COL_ERROR = "error (km)";
    public static final String COL_NOTE = "geolocation note";

    public ImageGeolocatorConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Image Geolocator");
        }
    }

    public static ImageGeolocatorConfig defaults() {
        return new ImageGeolocatorConfig(SettingValues.defaults(SETTINGS));
    }

    public static ImageGeolocatorConfig load(ConfigStore store) throws ConfigException {
        return new ImageGeolocatorConfig(SettingValues.load(SETTINGS, store));
    }

    @Override
    protected void checkWithCore() {
        // single values only; the gallery grid is checked by core when it is built
    }

    public int topK() {
        return values().getInt(TOP_K);
    }

    /** The grid gallery used without a gallery table. */
    public Gallery gridGallery() {
        double r = values().getDouble(GRID_RESOLUTION);
        return values().getChoice(GRID).equals(GRID_REGULAR) ? Gallery.grid(r) : Gallery.equalAreaGrid(r);
    }

    /**
     * The resolved data columns.
     *
     * @param trueLongitude true longitude column or -1
     * @param trueLatitude true latitude column or -1
     */
    public record Inputs(EmbeddingSource embedding, int trueLongitude, int trueLatitude) {
        public boolean withTruth() {
            return trueLongitude >= 0;
        }
    }

    public Inputs resolveColumns(List<ColumnInfo> columns) throws ConfigException {
        List<String> p = new ArrayList<>();
        EmbeddingSource e = EMBEDDING.resolve(columns, values(), p);
        int lon = ColumnRoles.resolve(columns, TRUE_LON, values().getString(TRUE_LON), List.of(), p);
        int lat = ColumnRoles.resolve(columns, TRUE_LAT, values().getString(TRUE_LAT), List.of(), p);
        if ((lon < 0) != (lat < 0) && p.isEmpty()) {
            p.add("settings '" + TRUE_LON.label() + "' and '" + TRUE_LAT.label()
                    + "': select both true coordinate columns or neither");
        }
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return new Inputs(e, lon, lat);
    }

    /** The gallery table's {longitude, latitude} columns. */
    public int[] resolveGalleryColumns(List<ColumnInfo> columns) throws ConfigException {
        List<String> p = new ArrayList<>();
        int lon = ColumnRoles.resolve(columns, GALLERY_LON, values().getString(GALLERY_LON),
                ColumnRoles.LONGITUDE_NAMES, p);
        int lat = ColumnRoles.resolve(columns, GALLERY_LAT, values().getString(GALLERY_LAT),
                ColumnRoles.LATITUDE_NAMES, p);
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return new int[] {lon, lat};
    }

    /** The appended columns, unique against the input names. */
    public List<ColumnInfo> outputColumns(List<String> inputNames, boolean withTruth) {
        OutputNames names = new OutputNames(inputNames);
        List<ColumnInfo> c = new ArrayList<>();
        for (int r = 1; r <= topK(); r++) {
            c.add(ColumnInfo.of(names.unique("location " + r + " longitude"), ColumnType.DOUBLE));
            c.add(ColumnInfo.of(names.unique("location " + r + " latitude"), ColumnType.DOUBLE));
            c.add(ColumnInfo.of(names.unique("similarity " + r), ColumnType.DOUBLE));
        }
        if (withTruth) {
            c.add(ColumnInfo.of(names.unique(COL_ERROR), ColumnType.DOUBLE));
        }
        c.add(ColumnInfo.of(names.unique(COL_NOTE), ColumnType.STRING));
        return c;
    }

    /**
     * The appended values of one row, in the order of {@link #outputColumns}; ranks beyond the
     * gallery size are missing.
     */
    public Object[] appendedValues(GeolocationBatch b, int row, boolean withTruth) {
        List<Object> v = new ArrayList<>();
        for (int r = 0; r < topK(); r++) {
            if (r < b.k() && b.candidate(row, r) >= 0) {
                v.add(b.lonDeg(row, r));
                v.add(b.latDeg(row, r));
                v.add((double) b.similarity(row, r));
            } else {
                v.add(null);
                v.add(null);
                v.add(null);
            }
        }
        if (withTruth) {
            double e = b.hasErrors() ? b.errorKm(row) : Double.NaN;
            v.add(Double.isNaN(e) ? null : e);
        }
        v.add(b.note(row));
        return v.toArray();
    }
}
