package org.geocsp.core.sample;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Country outlines for map drawing: Natural Earth admin-0 at 1:50m (public domain), embedded as
 * the TopoJSON of the npm package world-atlas 2.0.2. The topology is decoded here (quantised,
 * delta-encoded arcs; see the TopoJSON specification) into polylines in (longitude, latitude)
 * degrees. Every polyline is a {@code double[]} of interleaved coordinates
 * {@code [lon0, lat0, lon1, lat1, ...]}.
 *
 * <p>{@link #arcs()} draws every coastline and border exactly once (shared borders are one arc),
 * which is what a map renderer wants; {@link #countries()} gives closed rings per country.
 */
public final class CountryOutlines {

    /** Classpath location of the gzip TopoJSON. */
    public static final String RESOURCE = "/org/geocsp/core/sample/countries-50m.json.gz";

    /**
     * One country (or territory) of the topology.
     *
     * @param isoNumeric ISO 3166-1 numeric code as a three-digit string (e.g. "250"), or "" for the
     *     few entries Natural Earth gives none (Kosovo, Somaliland, N. Cyprus, ...)
     * @param name short English name from Natural Earth
     * @param rings closed rings (first point repeated last), exteriors and holes alike
     */
    public record Country(String isoNumeric, String name, List<double[]> rings) {}

    private final List<double[]> arcs;
    private final List<Country> countries;
    private final List<double[]> landRings;

    private CountryOutlines(List<double[]> arcs, List<Country> countries, List<double[]> landRings) {
        this.arcs = arcs;
        this.countries = countries;
        this.landRings = landRings;
    }

    /** Loads the embedded outlines from the classpath (no network). */
    public static CountryOutlines load() {
        try (InputStream raw = CountryOutlines.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("embedded outlines " + RESOURCE + " are missing from the classpath");
            }
            return read(new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded outlines " + RESOURCE, e);
        }
    }

    /**
     * Decodes a TopoJSON topology. Countries come from the object {@code countries}, land from
     * {@code land}; either may be absent (then the list is empty). Only Polygon and MultiPolygon
     * geometries are turned into rings; other types are skipped.
     */
    public static CountryOutlines read(Reader topoJson) throws IOException {
        JsonObject topo;
        try {
            topo = JsonParser.parseReader(topoJson).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("outlines: not a JSON object: " + e.getMessage(), e);
        }
        if (!"Topology".equals(stringOr(topo.get("type"), ""))) {
            throw new IOException("outlines: expected a TopoJSON object of type 'Topology'");
        }
        double sx = 1, sy = 1, tx = 0, ty = 0;
        boolean quantized = topo.has("transform");
        if (quantized) {
            JsonObject t = topo.getAsJsonObject("transform");
            JsonArray scale = t.getAsJsonArray("scale");
            JsonArray translate = t.getAsJsonArray("translate");
            sx = scale.get(0).getAsDouble();
            sy = scale.get(1).getAsDouble();
            tx = translate.get(0).getAsDouble();
            ty = translate.get(1).getAsDouble();
        }
        JsonArray arcsJson = topo.getAsJsonArray("arcs");
        List<double[]> arcs = new ArrayList<>(arcsJson.size());
        for (JsonElement arcEl : arcsJson) {
            JsonArray arc = arcEl.getAsJsonArray();
            double[] xy = new double[arc.size() * 2];
            long qx = 0, qy = 0;
            for (int i = 0; i < arc.size(); i++) {
                JsonArray p = arc.get(i).getAsJsonArray();
                if (quantized) {
                    // Quantised arcs are delta-encoded: each position adds to the previous one.
                    qx += p.get(0).getAsLong();
                    qy += p.get(1).getAsLong();
                    xy[2 * i] = qx * sx + tx;
                    xy[2 * i + 1] = qy * sy + ty;
                } else {
                    xy[2 * i] = p.get(0).getAsDouble();
                    xy[2 * i + 1] = p.get(1).getAsDouble();
                }
            }
            arcs.add(xy);
        }
        JsonObject objects = topo.getAsJsonObject("objects");
        List<Country> countries = new ArrayList<>();
        if (objects != null && objects.has("countries")) {
            for (JsonObject g : geometries(objects.getAsJsonObject("countries"))) {
                JsonObject props = g.has("properties") && g.get("properties").isJsonObject()
                        ? g.getAsJsonObject("properties") : new JsonObject();
                countries.add(new Country(stringOr(g.get("id"), ""), stringOr(props.get("name"), ""),
                        Collections.unmodifiableList(rings(g, arcs))));
            }
        }
        List<double[]> land = new ArrayList<>();
        if (objects != null && objects.has("land")) {
            for (JsonObject g : geometries(objects.getAsJsonObject("land"))) {
                land.addAll(rings(g, arcs));
            }
        }
        return new CountryOutlines(Collections.unmodifiableList(arcs), Collections.unmodifiableList(countries),
                Collections.unmodifiableList(land));
    }

    private static List<JsonObject> geometries(JsonObject object) {
        List<JsonObject> out = new ArrayList<>();
        if ("GeometryCollection".equals(stringOr(object.get("type"), ""))) {
            for (JsonElement g : object.getAsJsonArray("geometries")) {
                out.add(g.getAsJsonObject());
            }
        } else {
            out.add(object);
        }
        return out;
    }

    private static List<double[]> rings(JsonObject geometry, List<double[]> arcs) throws IOException {
        String type = stringOr(geometry.get("type"), "");
        List<double[]> out = new ArrayList<>();
        if ("Polygon".equals(type)) {
            for (JsonElement ring : geometry.getAsJsonArray("arcs")) {
                out.add(ring(ring.getAsJsonArray(), arcs));
            }
        } else if ("MultiPolygon".equals(type)) {
            for (JsonElement polygon : geometry.getAsJsonArray("arcs")) {
                for (JsonElement ring : polygon.getAsJsonArray()) {
                    out.add(ring(ring.getAsJsonArray(), arcs));
                }
            }
        }
        return out;
    }

    /** Concatenates arcs into one ring; index ~i (= -i-1) means arc i reversed. */
    private static double[] ring(JsonArray arcIndices, List<double[]> arcs) throws IOException {
        int total = 0;
        int[] idx = new int[arcIndices.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = arcIndices.get(k).getAsInt();
            int a = idx[k] < 0 ? ~idx[k] : idx[k];
            if (a >= arcs.size()) {
                throw new IOException("outlines: arc index " + idx[k] + " out of range (" + arcs.size() + " arcs)");
            }
            total += arcs.get(a).length / 2 - (k == 0 ? 0 : 1);
        }
        double[] xy = new double[total * 2];
        int n = 0;
        for (int k = 0; k < idx.length; k++) {
            boolean reversed = idx[k] < 0;
            double[] arc = arcs.get(reversed ? ~idx[k] : idx[k]);
            int points = arc.length / 2;
            // Consecutive arcs share their junction point; keep it once.
            for (int p = k == 0 ? 0 : 1; p < points; p++) {
                int src = reversed ? points - 1 - p : p;
                xy[n++] = arc[2 * src];
                xy[n++] = arc[2 * src + 1];
            }
        }
        return xy;
    }

    private static String stringOr(JsonElement e, String fallback) {
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    /** Every arc once: coastlines and borders as polylines [lon0, lat0, lon1, lat1, ...] (do not modify). */
    public List<double[]> arcs() {
        return arcs;
    }

    /** The countries in topology order. */
    public List<Country> countries() {
        return countries;
    }

    /** Rings of the land object (coastlines only, no borders). */
    public List<double[]> landRings() {
        return landRings;
    }

    /** Country name by ISO 3166-1 numeric code (three digits, e.g. "250" → "France"). */
    public Map<String, String> namesByIsoNumeric() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Country c : countries) {
            if (!c.isoNumeric().isEmpty()) {
                out.putIfAbsent(c.isoNumeric(), c.name());
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
