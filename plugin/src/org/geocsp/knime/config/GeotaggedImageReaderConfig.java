package org.geocsp.knime.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.image.PhotoMetadata;
import org.geocsp.core.image.PhotoScan;

/**
 * Settings of the Geotagged Image Reader node: the folder, the file-name pattern, whether to walk
 * sub-folders, and what to do with photos without GPS position; and the output table's layout.
 */
public final class GeotaggedImageReaderConfig extends NodeConfig {

    public static final String TAB = "Options";
    public static final String KEEP = "keep with missing coordinates";
    public static final String DROP = "leave out";

    public static final Setting FOLDER = Setting.text("folder", "Folder", "", TAB);
    public static final Setting PATTERN = Setting.text("pattern", "File-name pattern", PhotoScan.DEFAULT_PATTERN, TAB);
    public static final Setting RECURSIVE = Setting.bool("recursive", "Include sub-folders", true, TAB);
    public static final Setting MISSING_GPS = Setting.choice("missing_gps", "Photos without GPS position", KEEP,
            List.of(KEEP, DROP), TAB);

    public static final List<Setting> SETTINGS = List.of(FOLDER, PATTERN, RECURSIVE, MISSING_GPS);

    /** Output column names (longitude/latitude as the other GeoCSP nodes guess them). */
    public static final String COL_PATH = "path";
    public static final String COL_LON = "longitude";
    public static final String COL_LAT = "latitude";
    public static final String COL_ALTITUDE = "altitude";
    public static final String COL_TIME = "time";
    public static final String COL_MAKE = "make";
    public static final String COL_MODEL = "model";
    public static final String COL_WIDTH = "width";
    public static final String COL_HEIGHT = "height";

    public GeotaggedImageReaderConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Geotagged Image Reader");
        }
    }

    public static GeotaggedImageReaderConfig defaults() {
        return new GeotaggedImageReaderConfig(SettingValues.defaults(SETTINGS));
    }

    public static GeotaggedImageReaderConfig load(ConfigStore store) throws ConfigException {
        return new GeotaggedImageReaderConfig(SettingValues.load(SETTINGS, store));
    }

    @Override
    protected void checkWithCore() {
        String f = values().getString(FOLDER);
        if (f.isBlank()) {
            throw new IllegalArgumentException("setting '" + FOLDER.label() + "': choose the folder of photos");
        }
        try {
            Path.of(f);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("setting '" + FOLDER.label() + "': '" + f + "' is not a valid path");
        }
    }

    /** The scan settings for core (the folder's existence is checked by the scan, naming it). */
    public PhotoScan.Settings scanSettings() {
        return new PhotoScan.Settings(Path.of(values().getString(FOLDER)), values().getString(PATTERN),
                values().getBoolean(RECURSIVE),
                values().getChoice(MISSING_GPS).equals(DROP) ? PhotoScan.MissingLocation.DROP
                        : PhotoScan.MissingLocation.KEEP);
    }

    /** The output columns (known at configure time). */
    public static List<ColumnInfo> outputColumns() {
        return List.of(ColumnInfo.of(COL_PATH, ColumnType.STRING), ColumnInfo.of(COL_LON, ColumnType.DOUBLE),
                ColumnInfo.of(COL_LAT, ColumnType.DOUBLE), ColumnInfo.of(COL_ALTITUDE, ColumnType.DOUBLE),
                ColumnInfo.of(COL_TIME, ColumnType.STRING), ColumnInfo.of(COL_MAKE, ColumnType.STRING),
                ColumnInfo.of(COL_MODEL, ColumnType.STRING), ColumnInfo.of(COL_WIDTH, ColumnType.INT),
                ColumnInfo.of(COL_HEIGHT, ColumnType.INT));
    }

    /** The values of one output row, in the order of {@link #outputColumns()}; null = missing cell. */
    public static Object[] rowValues(PhotoMetadata m) {
        return new Object[] {m.path().toAbsolutePath().normalize().toString(), m.lonDeg(), m.latDeg(), m.altitudeM(),
            m.time(), m.make(), m.model(), m.width(), m.height()};
    }

    /** The node's warning after a scan (photos without position, unreadable files), or null. */
    public static String warning(PhotoScan.Result r) {
        List<String> w = new ArrayList<>();
        if (r.withoutLocation() > 0) {
            w.add(r.withoutLocation() + " photo(s) without GPS position" + (r.dropped() > 0 ? " left out" : " kept with"
                    + " missing coordinates"));
        }
        if (!r.unreadable().isEmpty()) {
            PhotoScan.Unreadable first = r.unreadable().get(0);
            w.add(r.unreadable().size() + " file(s) could not be read, e.g. " + first.path() + ": " + first.reason());
        }
        return w.isEmpty() ? null : String.join("; ", w);
    }
}
