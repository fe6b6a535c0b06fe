package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.sample.SamplePlaces;

/**
 * Settings of the GeoCSP Sample Places node: how many of the embedded GeoNames places to output,
 * an optional stratified train/test split column, and an optional place-name embedding column
 * (the stand-in for image embeddings of the examples).
 */
public final class SamplePlacesConfig extends NodeConfig {

    public static final String TAB = "Options";
    public static final String SPLIT_NONE = "none";
    public static final String SPLIT_COUNTRY = "country";
    public static final String SPLIT_ADMIN1 = "admin1";
    public static final String SPLIT_FEATURE_CODE = "feature code";

    public static final Setting ROWS = Setting.integer("rows", "Number of places", 20_000, 0, 1_000_000, TAB);
    public static final Setting SEED = Setting.longInteger("seed", "Seed", 0L, TAB);
    public static final Setting SPLIT = Setting.choice("split_by", "Split stratified by", SPLIT_COUNTRY,
            List.of(SPLIT_NONE, SPLIT_COUNTRY, SPLIT_ADMIN1, SPLIT_FEATURE_CODE), TAB);
    public static final Setting TEST_FRACTION = Setting.real("test_fraction", "Test fraction", 0.2, 0, 0.99, TAB);
    public static final Setting NAME_EMBEDDING = Setting.bool("name_embedding", "Append place-name embedding", true,
            TAB);
    public static final Setting EMBEDDING_WIDTH = Setting.integer("embedding_width", "Embedding width", 128, 1, 4096,
            TAB);

    public static final List<Setting> SETTINGS = List.of(ROWS, SEED, SPLIT, TEST_FRACTION, NAME_EMBEDDING,
            EMBEDDING_WIDTH);

    /** Output column names. */
    public static final String COL_ID = "geonameid";
    public static final String COL_NAME = "name";
    public static final String COL_LON = "longitude";
    public static final String COL_LAT = "latitude";
    public static final String COL_COUNTRY = "country";
    public static final String COL_ADMIN1 = "admin1";
    public static final String COL_POPULATION = "population";
    public static final String COL_FEATURE = "feature_code";
    public static final String COL_SPLIT = "split";
    public static final String COL_EMBEDDING = "name_embedding";

    public SamplePlacesConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of GeoCSP Sample Places");
        }
    }

    public static SamplePlacesConfig defaults() {
        return new SamplePlacesConfig(SettingValues.defaults(SETTINGS));
    }

    public static SamplePlacesConfig load(ConfigStore store) throws ConfigException {
        return new SamplePlacesConfig(SettingValues.load(SETTINGS, store));
    }

    public boolean withSplit() {
        return !values().getChoice(SPLIT).equals(SPLIT_NONE);
    }

    public boolean withEmbedding() {
        return values().getBoolean(NAME_EMBEDDING);
    }

    public int embeddingWidth() {
        return values().getInt(EMBEDDING_WIDTH);
    }

    /** The label column of the split, or null. */
    public SamplePlaces.Label splitLabel() {
        return switch (values().getChoice(SPLIT)) {
            case SPLIT_COUNTRY -> SamplePlaces.Label.COUNTRY;
            case SPLIT_ADMIN1 -> SamplePlaces.Label.ADMIN1;
            case SPLIT_FEATURE_CODE -> SamplePlaces.Label.FEATURE_CODE;
            default -> null;
        };
    }

    /** The output columns (known at configure time). */
    public List<ColumnInfo> outputColumns() {
        List<ColumnInfo> c = new ArrayList<>(List.of(ColumnInfo.of(COL_ID, ColumnType.INT),
                ColumnInfo.of(COL_NAME, ColumnType.STRING), ColumnInfo.of(COL_LON, ColumnType.DOUBLE),
                ColumnInfo.of(COL_LAT, ColumnType.DOUBLE), ColumnInfo.of(COL_COUNTRY, ColumnType.STRING),
                ColumnInfo.of(COL_ADMIN1, ColumnType.STRING), ColumnInfo.of(COL_POPULATION, ColumnType.LONG),
                ColumnInfo.of(COL_FEATURE, ColumnType.STRING)));
        if (withSplit()) {
            c.add(ColumnInfo.of(COL_SPLIT, ColumnType.STRING));
        }
        if (withEmbedding()) {
            c.add(new ColumnInfo(COL_EMBEDDING, ColumnType.DOUBLE_VECTOR, embeddingWidth()));
        }
        return c;
    }

    /**
     * The rows of the embedded table to output, ascending: all when the number of places is 0 or
     * at least the table size, else a seeded sample.
     */
    public int[] selectRows(SamplePlaces places) {
        int n = values().getInt(ROWS);
        return places.sampleRows(n == 0 || n >= places.size() ? places.size() : n, values().getLong(SEED));
    }

    /**
     * "train" or "test" for each selected row (stratified by the split label), or null without split.
     */
    public String[] splitColumn(SamplePlaces places, int[] rows) {
        SamplePlaces.Label label = splitLabel();
        if (label == null) {
            return null;
        }
        String[] all = places.labels(label);
        String[] sub = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sub[i] = all[rows[i]];
        }
        SamplePlaces.Split s = SamplePlaces.splitStratified(sub, values().getDouble(TEST_FRACTION),
                values().getLong(SEED));
        String[] out = new String[rows.length];
        java.util.Arrays.fill(out, "train");
        for (int t : s.test()) {
            out[t] = "test";
        }
        return out;
    }

    @Override
    protected void checkWithCore() {
        if (withSplit() && values().getDouble(TEST_FRACTION) >= 1) {
            throw new IllegalArgumentException("setting '" + TEST_FRACTION.label() + "' must be below 1");
        }
        String s = values().getChoice(SPLIT).toLowerCase(Locale.ROOT);
        if (!SPLIT.choices().contains(s)) {
            throw new IllegalArgumentException("setting '" + SPLIT.label() + "' has an unknown value");
        }
    }
}
