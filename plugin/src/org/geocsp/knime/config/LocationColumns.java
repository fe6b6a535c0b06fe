package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnInfo;
import java.util.List;
import org.geocsp.core.geo.LongitudePolicy;

/**
 * The longitude/latitude column settings of a node's data input, with the handling of longitudes
 * outside [-180, 180] and, for training nodes, of rows with missing values.
 */
public final class LocationColumns {

    public static final String REJECT = "reject";
    public static final String WRAP = "wrap";
    public static final String SKIP_ROW = "skip row";
    public static final String FAIL = "fail";

    public final Setting longitude;
    public final Setting latitude;
    public final Setting longitudePolicy;

    /**
     * @param port the input port of the table
     * @param tab the dialog tab
     */
    public LocationColumns(int port, String tab) {
        longitude = Setting.column("longitude_column", "Longitude column", ColumnKind.NUMBER, port, false, tab);
        latitude = Setting.column("latitude_column", "Latitude column", ColumnKind.NUMBER, port, false, tab);
        longitudePolicy = Setting.choice("longitude_outside_range", "Longitudes outside [-180, 180]", REJECT,
                List.of(REJECT, WRAP), tab);
    }

    public List<Setting> settings() {
        return List.of(longitude, latitude, longitudePolicy);
    }

    public LongitudePolicy policy(SettingValues v) {
        return v.getChoice(longitudePolicy).equals(WRAP) ? LongitudePolicy.WRAP : LongitudePolicy.REJECT;
    }

    /** A "missing values" setting of a training node: skip such rows (default) or fail. */
    public static Setting missingValues(String tab) {
        return Setting.choice("missing_values", "Rows with missing values", SKIP_ROW, List.of(SKIP_ROW, FAIL), tab);
    }

    /**
     * Resolves the two coordinate columns.
     *
     * @return {longitude index, latitude index}; -1 where a problem was added
     */
    public int[] resolve(List<ColumnInfo> columns, SettingValues v, List<String> problems) {
        int lon = ColumnRoles.resolve(columns, longitude, v.getString(longitude), ColumnRoles.LONGITUDE_NAMES,
                problems);
        int lat = ColumnRoles.resolve(columns, latitude, v.getString(latitude), ColumnRoles.LATITUDE_NAMES, problems);
        if (lon >= 0 && lon == lat) {
            problems.add("settings '" + longitude.label() + "' and '" + latitude.label() + "' select the same column '"
                    + columns.get(lon).name() + "'");
        }
        return new int[] {lon, lat};
    }
}
