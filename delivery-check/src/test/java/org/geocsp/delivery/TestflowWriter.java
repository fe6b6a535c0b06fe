package org.geocsp.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.geocsp.knime.config.NodeCatalog;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.config.SettingValues;

/**
 * Writes the test workflows of {@code test-workflows/} in KNIME's on-disk format (workflow.knime
 * plus one settings.xml per node), starting every GeoCSP node from its settings list's defaults
 * ({@link NodeCatalog}) and applying the few values each test changes. Not a test: run once after
 * changing a workflow here, then commit the output (or edit the workflows in KNIME and stop using this).
 *
 * <pre>java -cp delivery-check/target/test-classes:delivery-check/target/classes:... org.geocsp.delivery.TestflowWriter test-workflows</pre>
 */
public final class TestflowWriter {

    private static final String NODE = "org.geocsp.knime.node.";
    static final String SAMPLE_PLACES = NODE + "sampleplaces.SamplePlacesNodeFactory";
    static final String ENCODER = NODE + "encoder.SpatialEncoderNodeFactory";
    static final String PRETRAINER = NODE + "pretrainer.ContrastivePretrainerNodeFactory";
    static final String FINE_TUNER = NODE + "finetuner.FineTunerNodeFactory";
    static final String PREDICTOR = NODE + "predictor.LocationPredictorNodeFactory";
    static final String GEOLOCATOR = NODE + "geolocator.ImageGeolocatorNodeFactory";
    static final String IMAGE_READER = NODE + "imagereader.GeotaggedImageReaderNodeFactory";
    static final String IMAGE_EMBEDDER = NODE + "imageembedder.ImageEmbedderNodeFactory";

    /** A workflow variable: name, KNIME class (INTEGER, DOUBLE, STRING) and value. */
    record Variable(String name, String type, Object value) {}

    private final Path dir;
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final Map<Integer, XmlConfig> settings = new LinkedHashMap<>();
    private final List<int[]> connections = new ArrayList<>();
    private final List<Variable> variables = new ArrayList<>();
    /** Nodes the Testflow Configuration expects to fail (their configure fails, so they stay IDLE). */
    private final java.util.Set<Integer> failing = new java.util.HashSet<>();
    private final String description;

    private TestflowWriter(Path dir, String description) {
        this.dir = dir;
        this.description = description;
    }

    // --- node settings ---

    private static XmlConfig base(String factory, String name, String bundleName, String bundle, String bundleVendor,
            String featureName, String feature, String version) {
        XmlConfig s = new XmlConfig("settings.xml");
        s.putString("node_file", "settings.xml");
        s.addConfig("flow_stack");
        s.addConfig("internal_node_subsettings").putString("memory_policy", "CacheSmallInMemory");
        s.addConfig("model");
        s.putString("customDescription", null);
        s.putString("state", "IDLE"); // set in write()
        s.putString("factory", factory);
        s.putString("node-name", name);
        s.putString("node-bundle-name", bundleName);
        s.putString("node-bundle-symbolic-name", bundle);
        s.putString("node-bundle-vendor", bundleVendor);
        s.putString("node-bundle-version", version);
        s.putString("node-feature-name", featureName);
        s.putString("node-feature-symbolic-name", feature);
        s.putString("node-feature-vendor", bundleVendor);
        s.putString("node-feature-version", version);
        s.addConfig("factory_settings");
        return s;
    }

    private static void tail(XmlConfig s, String name) {
        s.putString("name", name);
        s.putBoolean("hasContent", false);
        s.putBoolean("isInactive", false);
        s.addConfig("ports");
        XmlConfig fs = s.addConfig("filestores");
        fs.putString("file_store_location", null);
        fs.putString("file_store_id", null);
    }

    /**
     * A GeoCSP node: every setting at its default, then {@code values} (setting key to value of the
     * setting's Java type); {@code creation} gives the port groups of a configurable factory (group
     * name to the port object class of an added optional port, or null), {@code bound} setting keys
     * bound to workflow variables.
     */
    private void geocsp(int id, String name, String factory, Map<String, Object> values,
            Map<String, String> creation, Map<String, String> bound) {
        NodeCatalog.Entry e = NodeCatalog.of(factory);
        SettingValues v = SettingValues.defaults(e.settings());
        for (Map.Entry<String, Object> x : values.entrySet()) {
            Setting s = e.settings().stream().filter(t -> t.key().equals(x.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(factory + " has no setting " + x.getKey()));
            v = v.with(s, x.getValue());
        }
        XmlConfig s = base(factory, name, "GeoCSP nodes for KNIME", "org.geocsp.knime", "GeoCSP",
                "GeoCSP: contrastive spatial pre-training for KNIME", "org.geocsp.knime.feature.feature.group", "0.1.0");
        // as the node's settings models save them (the same keys, internals configs and values as its dialog)
        v.save(s.config("model").asStore());
        if (!bound.isEmpty()) {
            XmlConfig vars = new XmlConfig("variables");
            for (Map.Entry<String, String> b : new java.util.TreeMap<>(bound).entrySet()) {
                vars.addConfig(b.getKey()).putString("used_variable", b.getValue()).putString("exposed_variable", null);
            }
            insertAfter(s, "model", vars);
        }
        if (creation != null) {
            XmlConfig nc = new XmlConfig("node_creation_config");
            for (Map.Entry<String, String> g : creation.entrySet()) {
                XmlConfig group = nc.addConfig(g.getKey());
                if (g.getValue() != null) {
                    group.addConfig("port_0").putString("object_class", g.getValue());
                }
            }
            insertAfter(s, "factory_settings", nc);
        }
        tail(s, name);
        add(id, name, s);
    }

    private void geocsp(int id, String name, String factory, Map<String, Object> values) {
        geocsp(id, name, factory, values, null, Map.of());
    }

    private static void insertAfter(XmlConfig s, String key, XmlConfig c) {
        Map<String, Object> copy = new LinkedHashMap<>(s.children());
        s.children().clear();
        for (Map.Entry<String, Object> x : copy.entrySet()) {
            s.children().put(x.getKey(), x.getValue());
            if (x.getKey().equals(key)) {
                s.children().put(c.key(), c);
            }
        }
    }

    private void add(int id, String name, XmlConfig s) {
        names.put(id, name);
        settings.put(id, s);
    }

    private void testConfig(int id, List<Integer> failing, int timeoutSeconds) {
        String name = "Testflow Configuration";
        XmlConfig s = base(NodeTypes.TEST_CONFIG, name, "Test-Node extension for KNIME Workbench", "org.knime.testing",
                "KNIME AG, Zurich, Switzerland", "KNIME Testing Framework",
                "org.knime.features.testing.application.feature.group", "5.5.0");
        XmlConfig m = s.config("model");
        m.putString("owner", "geocsp");
        m.putStringArray("requiredLogErrors", List.of());
        m.putStringArray("requiredLogWarnings", List.of());
        m.putStringArray("requiredLogInfos", List.of());
        m.putStringArray("failingNodes", failing.stream().map(String::valueOf).toList());
        m.addConfig("requiredNodeWarnings").putInt("count", 0);
        m.addConfig("requiredNodeErrors").putInt("count", 0);
        m.putInt("timeout", timeoutSeconds);
        m.putInt("maxHilitedRows", 2500);
        m.putStringArray("usedJanitors", List.of());
        tail(s, name);
        add(id, name, s);
        this.failing.addAll(failing);
    }

    /** A Table Creator holding {@code rows} (strings, parsed per column type), row ids Row0, Row1, ... */
    private void tableCreator(int id, List<String> columns, List<String> cellClasses, List<List<String>> rows) {
        String name = "Table Creator";
        XmlConfig s = base(NodeTypes.TABLE_CREATOR, name, "KNIME Base Nodes", "org.knime.base",
                "KNIME AG, Zurich, Switzerland", "KNIME Base nodes", "org.knime.features.base.feature.group", "5.5.0");
        XmlConfig m = s.config("model");
        List<Integer> ri = new ArrayList<>();
        List<Integer> ci = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                ri.add(r);
                ci.add(c);
                values.add(rows.get(r).get(c));
            }
        }
        m.putIntArray("rowIndices", ri);
        m.putIntArray("columnIndices", ci);
        m.putStringArray("values", values);
        m.putString("rowIdPrefix", "Row");
        m.putString("rowIdSuffix", "");
        m.putInt("rowIdStartValue", 0);
        m.putBoolean("highlightOutputTable", false);
        XmlConfig props = m.addConfig("columnProperties");
        for (int c = 0; c < columns.size(); c++) {
            XmlConfig p = props.addConfig(Integer.toString(c));
            p.putBoolean("UserSetValues", false);
            p.putString("MissValuePattern", null);
            p.putString("FormatParameter", null);
            p.putBoolean("ReadPossValsFromFile", false);
            p.putBoolean("SkipThisColumn", false);
            p.putString("ColumnName", columns.get(c));
            p.addConfig("ColumnClass").putString("cell_class", cellClasses.get(c)).putBoolean("is_null", false);
        }
        tail(s, name);
        add(id, name, s);
    }

    private void differenceChecker(int id, List<String> columns) {
        String name = "Table Difference Checker";
        XmlConfig s = base(NodeTypes.DIFFERENCE_CHECKER, name, "Test-Node extension for KNIME Workbench",
                "org.knime.testing", "KNIME AG, Zurich, Switzerland", "KNIME Testing Framework",
                "org.knime.features.testing.application.feature.group", "5.5.0");
        XmlConfig m = s.config("model");
        for (String c : columns) {
            XmlConfig cc = m.addConfig("columnConfig_" + c);
            cc.putString("checkerFactory", "org.knime.testing.internal.diffcheckers.EqualityChecker$Factory");
            XmlConfig in = cc.addConfig("internals");
            in.addConfig("ignoreColumnProperties_Internals").putString("SettingsModelID", "SMID_boolean")
                    .putBoolean("EnabledStatus", true);
            in.putBoolean("ignoreColumnProperties", true);
            // The expected table's domain comes from its few values, the node's from its own rules.
            in.addConfig("ignoreDomain_Internals").putString("SettingsModelID", "SMID_boolean")
                    .putBoolean("EnabledStatus", true);
            in.putBoolean("ignoreDomain", true);
        }
        m.putBoolean("ignoreRowIds", false);
        tail(s, name);
        add(id, name, s);
    }

    private void scorer(int id, String truth, String predicted) {
        String name = "Scorer";
        XmlConfig s = base(NodeTypes.SCORER, name, "KNIME Base Nodes", "org.knime.base", "KNIME AG, Zurich, Switzerland",
                "KNIME Base nodes", "org.knime.features.base.feature.group", "5.5.0");
        XmlConfig m = s.config("model");
        m.putString("first", truth);
        m.putString("second", predicted);
        m.putString("flowVarPrefix", null);
        m.putBoolean("sortingReversed", false);
        m.putInt("sortingStrategy", 0); // SortingStrategy.InsertionOrder
        m.putBoolean("ignore.missing.values", true);
        tail(s, name);
        add(id, name, s);
    }

    private void connect(int src, int srcPort, int dst, int dstPort) {
        connections.add(new int[] {src, srcPort, dst, dstPort});
    }

    // --- workflow.knime ---

    /**
     * The state each node is saved in, as KNIME saves a loaded workflow that was not executed
     * ({@code FileNodeContainerMetaPersistor#saveState}: IDLE stays IDLE, a configured node is written
     * CONFIGURED): CONFIGURED when its settings are valid and all its predecessors are configured, else
     * IDLE. On load KNIME configures the nodes again and warns "State has changed from X to Y" wherever
     * the saved state differs.
     */
    Map<Integer, String> states() {
        Map<Integer, String> state = new LinkedHashMap<>();
        for (int id : names.keySet()) {
            state.put(id, failing.contains(id) ? "IDLE" : "CONFIGURED");
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] c : connections) {
                if (state.get(c[0]).equals("IDLE") && !state.get(c[2]).equals("IDLE")) {
                    state.put(c[2], "IDLE");
                    changed = true;
                }
            }
        }
        return state;
    }

    private void write() throws IOException {
        Map<Integer, String> states = states();
        states.forEach((id, st) -> settings.get(id).putString("state", st));
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        XmlConfig wf = new XmlConfig("workflow.knime");
        wf.putString("created_by", "5.5.0.v202507000000");
        wf.putBoolean("created_by_nightly", false);
        wf.putString("version", WorkflowChecker.FORMAT_VERSION);
        wf.putString("name", null);
        XmlConfig author = wf.addConfig("authorInformation");
        author.putString("authored-by", "geocsp");
        author.putString("authored-when", "2026-01-01 00:00:00 +0000");
        author.putString("lastEdited-by", "geocsp");
        author.putString("lastEdited-when", "2026-01-01 00:00:00 +0000");
        wf.putString("customDescription", description);
        wf.putString("state", states.containsValue("IDLE") ? "IDLE" : "CONFIGURED");
        if (!variables.isEmpty()) {
            XmlConfig vars = wf.addConfig("workflow_variables");
            for (int i = 0; i < variables.size(); i++) {
                Variable v = variables.get(i);
                XmlConfig c = vars.addConfig("Var_" + i);
                c.putString("name", v.name());
                c.putString("class", v.type());
                switch (v.type()) {
                    case "INTEGER" -> c.putInt("value", (Integer) v.value());
                    case "DOUBLE" -> c.putDouble("value", (Double) v.value());
                    default -> c.putString("value", (String) v.value());
                }
            }
        }
        wf.addConfig("workflow_credentials");
        XmlConfig nodes = wf.addConfig("nodes");
        int x = 0;
        for (Map.Entry<Integer, String> n : names.entrySet()) {
            int id = n.getKey();
            String folder = n.getValue() + " (#" + id + ")";
            XmlConfig c = nodes.addConfig("node_" + id);
            c.putInt("id", id);
            c.putString("node_settings_file", folder + "/settings.xml");
            c.putBoolean("node_is_meta", false);
            c.putString("node_type", "NativeNode");
            c.putString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            XmlConfig bounds = c.addConfig("ui_settings").addConfig("extrainfo.node.bounds");
            bounds.putInt("array-size", 4);
            bounds.putInt("0", 60 + 160 * (x % 6));
            bounds.putInt("1", 80 + 140 * (x / 6));
            bounds.putInt("2", 75);
            bounds.putInt("3", 80);
            x++;
            settings.get(id).write(dir.resolve(folder).resolve("settings.xml"));
        }
        XmlConfig cs = wf.addConfig("connections");
        for (int i = 0; i < connections.size(); i++) {
            int[] c = connections.get(i);
            XmlConfig k = cs.addConfig("connection_" + i);
            k.putInt("sourceID", c[0]);
            k.putInt("destID", c[2]);
            k.putInt("sourcePort", c[1]);
            k.putInt("destPort", c[3]);
        }
        wf.write(dir.resolve("workflow.knime"));
        Files.writeString(dir.resolve("workflowset.meta"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <KNIMEMetaInfo nrOfElements="1">
                    <element form="multiline" read-only="false" name="Comments">%s</element>
                </KNIMEMetaInfo>
                """.formatted(description.replace("&", "&amp;").replace("<", "&lt;")));
    }

    // --- the workflows ---

    /** A small encoder: the default Space2Vec-grid position encoder, one hidden layer of 64, 32 outputs. */
    private static Map<String, Object> smallEncoder(String encoder) {
        return Map.of("encoder", encoder, "frequency_num", 16, "stack", "custom", "hidden_layers", 1, "hidden_dim", 64,
                "embedding_dim", 32, "dropout", 0.1);
    }

    private static Map<String, Object> places(int rows, long seed, boolean embedding) {
        return Map.of("rows", rows, "seed", seed, "split_by", "none", "name_embedding", embedding, "embedding_width",
                16);
    }

    private static Map<String, Object> train(int epochs, Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("longitude_column", "longitude", "latitude_column",
                "latitude", "epochs", epochs, "batch_size", 64, "seed", 7L, "device", "cpu"));
        m.putAll(more);
        return m;
    }

    private static final String TABLE = "org.knime.core.node.BufferedDataTable";
    private static final String IMAGE = "org.knime.core.node.port.image.ImagePortObject";

    /** Sample rows of the Sample Places testflow: rows, seed. */
    static final int EXPECTED_ROWS = 5;
    static final long EXPECTED_SEED = 42L;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "test-workflows");

        TestflowWriter w = new TestflowWriter(root.resolve("GeoCSP_SamplePlaces"),
                "GeoCSP Sample Places: a seeded 5-place sample equals the expected table (values from the embedded"
                        + " GeoNames data); a 300-place sample with a country split and a 16-wide name embedding runs.");
        w.testConfig(1, List.of(), 300);
        w.geocsp(2, "GeoCSP Sample Places", SAMPLE_PLACES, Map.of("rows", EXPECTED_ROWS, "seed", EXPECTED_SEED,
                "split_by", "none", "name_embedding", false));
        w.tableCreator(3, List.of("geonameid", "name", "longitude", "latitude", "country", "admin1", "population",
                "feature_code"), List.of("org.knime.core.data.def.IntCell", "org.knime.core.data.def.StringCell",
                        "org.knime.core.data.def.DoubleCell", "org.knime.core.data.def.DoubleCell",
                        "org.knime.core.data.def.StringCell", "org.knime.core.data.def.StringCell",
                        "org.knime.core.data.def.LongCell", "org.knime.core.data.def.StringCell"),
                List.of(List.of("250345", "Ar Rabbah", "35.73829", "31.26923", "JO", "09", "4229", "PPL"),
                        List.of("2640910", "Ormiston", "-2.93985", "55.91302", "GB", "SCT", "2040", "PPL"),
                        List.of("2960358", "Lamadelaine", "5.85639", "49.54639", "LU", "ES", "2428", "PPL"),
                        List.of("3176805", "Fontanelle", "12.46625", "45.83345", "IT", "20", "1766", "PPLA3"),
                        List.of("8285452", "Ancaster", "-79.98716", "43.21806", "CA", "08", "33232", "PPL")));
        w.differenceChecker(4, List.of("geonameid", "name", "longitude", "latitude", "country", "admin1", "population",
                "feature_code"));
        w.geocsp(5, "GeoCSP Sample Places", SAMPLE_PLACES, Map.of("rows", 300, "seed", 1L, "split_by", "country",
                "test_fraction", 0.25, "name_embedding", true, "embedding_width", 16));
        w.connect(2, 1, 4, 1);
        w.connect(3, 1, 4, 2);
        w.write();

        w = new TestflowWriter(root.resolve("GeoCSP_SpatialEncoder"),
                "Spatial Encoder: a Space2Vec-grid and a Sphere2Vec-sphereC+ encoder with small custom networks, an"
                        + " rbf encoder with its default network; node #5 (min_radius above max_radius) must fail.");
        w.testConfig(1, List.of(5), 300);
        w.geocsp(2, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(3, "Spatial Encoder", ENCODER, smallEncoder("Sphere2Vec-sphereC+"));
        w.geocsp(4, "Spatial Encoder", ENCODER, Map.of("encoder", "rbf", "num_anchors", 50));
        Map<String, Object> bad = new LinkedHashMap<>(smallEncoder("Space2Vec-grid"));
        bad.put("min_radius", 1000.0);
        w.geocsp(5, "Spatial Encoder", ENCODER, bad);
        w.write();

        w = new TestflowWriter(root.resolve("GeoCSP_ContrastivePretrainer"),
                "Contrastive Pretrainer: 2 epochs of CSP (contsoftmax) and of imgcontloss with 2 random negatives"
                        + " per row on 400 places with their 16-wide name embedding as the image embedding.");
        w.testConfig(1, List.of(), 600);
        w.geocsp(2, "GeoCSP Sample Places", SAMPLE_PLACES, places(400, 3L, true));
        w.geocsp(3, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(4, "Contrastive Pretrainer", PRETRAINER, train(2, Map.of("image_embedding_column", "name_embedding")));
        w.geocsp(5, "Contrastive Pretrainer", PRETRAINER, train(2, Map.of("image_embedding_column", "name_embedding",
                "objective", "imgcontloss", "negatives_per_row", 2)));
        w.connect(3, 1, 4, 1);
        w.connect(2, 1, 4, 2);
        w.connect(3, 1, 5, 1);
        w.connect(2, 1, 5, 2);
        w.write();

        w = new TestflowWriter(root.resolve("GeoCSP_FineTuner"),
                "Fine-Tuner: 2 epochs with the presence-absence loss, and with softmax, balanced rows and a frozen"
                        + " position encoder, predicting the country of 400 places.");
        w.testConfig(1, List.of(), 600);
        w.geocsp(2, "GeoCSP Sample Places", SAMPLE_PLACES, places(400, 5L, false));
        w.geocsp(3, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(4, "Fine-Tuner", FINE_TUNER, train(2, Map.of("label_column", "country")));
        w.geocsp(5, "Fine-Tuner", FINE_TUNER, train(2, Map.of("label_column", "country", "loss", "softmax",
                "row_sampling", "balanced", "freeze", "position encoder")));
        w.connect(3, 1, 4, 1);
        w.connect(2, 1, 4, 2);
        w.connect(3, 1, 5, 1);
        w.connect(2, 1, 5, 2);
        w.write();

        Map<String, String> predictorPorts = new LinkedHashMap<>();
        predictorPorts.put("Model", null);
        predictorPorts.put("Data", null);
        predictorPorts.put("Predictions", null);
        predictorPorts.put("Map", null);
        Map<String, String> predictorWithMap = new LinkedHashMap<>(predictorPorts);
        predictorWithMap.put("Map", IMAGE);

        w = new TestflowWriter(root.resolve("GeoCSP_LocationPredictor"),
                "Location Predictor: scores of all classes plus top-3, the location embedding and the probability map"
                        + " of the first class (optional map port); and top-1 only, on a model fine-tuned for 2 epochs.");
        w.testConfig(1, List.of(), 600);
        w.geocsp(2, "GeoCSP Sample Places", SAMPLE_PLACES, places(400, 5L, false));
        w.geocsp(3, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(4, "Fine-Tuner", FINE_TUNER, train(2, Map.of("label_column", "country")));
        w.geocsp(5, "Location Predictor", PREDICTOR, Map.of("longitude_column", "longitude", "latitude_column",
                "latitude", "output", "both", "top_k", 3, "embedding", true, "map_resolution", 5.0, "map_width", 360),
                predictorWithMap, Map.of());
        w.geocsp(6, "Location Predictor", PREDICTOR, Map.of("longitude_column", "longitude", "latitude_column",
                "latitude", "output", "top-k classes", "top_k", 1), predictorPorts, Map.of());
        w.connect(3, 1, 4, 1);
        w.connect(2, 1, 4, 2);
        w.connect(4, 1, 5, 1);
        w.connect(2, 1, 5, 2);
        w.connect(4, 1, 6, 1);
        w.connect(2, 1, 6, 2);
        w.write();

        Map<String, String> geolocatorPorts = new LinkedHashMap<>();
        geolocatorPorts.put("Model", null);
        geolocatorPorts.put("Images", null);
        geolocatorPorts.put("Gallery", null);
        geolocatorPorts.put("Geolocations", null);
        Map<String, String> geolocatorWithGallery = new LinkedHashMap<>(geolocatorPorts);
        geolocatorWithGallery.put("Gallery", TABLE);

        w = new TestflowWriter(root.resolve("GeoCSP_ImageGeolocator"),
                "Image Geolocator: top-5 locations of 400 name embeddings on a 10-degree equal-area grid, and against a"
                        + " gallery of 200 other places (optional gallery port), with errors to the true locations.");
        w.testConfig(1, List.of(), 600);
        w.geocsp(2, "GeoCSP Sample Places", SAMPLE_PLACES, places(400, 3L, true));
        w.geocsp(3, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(4, "Contrastive Pretrainer", PRETRAINER, train(2, Map.of("image_embedding_column", "name_embedding")));
        w.geocsp(5, "Image Geolocator", GEOLOCATOR, Map.of("image_embedding_column", "name_embedding",
                "true_longitude_column", "longitude", "true_latitude_column", "latitude", "grid_resolution", 10.0),
                geolocatorPorts, Map.of());
        w.geocsp(6, "Image Geolocator", GEOLOCATOR, Map.of("image_embedding_column", "name_embedding",
                "true_longitude_column", "longitude", "true_latitude_column", "latitude",
                "gallery_longitude_column", "longitude", "gallery_latitude_column", "latitude"),
                geolocatorWithGallery, Map.of());
        w.geocsp(7, "GeoCSP Sample Places", SAMPLE_PLACES, places(200, 9L, false));
        w.connect(3, 1, 4, 1);
        w.connect(2, 1, 4, 2);
        w.connect(4, 1, 5, 1);
        w.connect(2, 1, 5, 2);
        w.connect(4, 1, 6, 1);
        w.connect(2, 1, 6, 2);
        w.connect(7, 1, 6, 3);
        w.write();

        w = new TestflowWriter(root.resolve("GeoCSP_EndToEnd"),
                "End to end: GeoCSP Sample Places -> Spatial Encoder -> Contrastive Pretrainer -> Fine-Tuner (with"
                        + " the name embedding as image embedding, so it also learns the image classifier) -> Location"
                        + " Predictor (combined: name embedding x location) -> Scorer (country against the top-1 class). Workflow variables"
                        + " places, pretrain_epochs, finetune_epochs and device set those settings.");
        w.variables.add(new Variable("places", "INTEGER", 600));
        w.variables.add(new Variable("pretrain_epochs", "INTEGER", 2));
        w.variables.add(new Variable("finetune_epochs", "INTEGER", 3));
        w.variables.add(new Variable("device", "STRING", "cpu"));
        w.testConfig(1, List.of(), 900);
        w.geocsp(2, "GeoCSP Sample Places", SAMPLE_PLACES, places(600, 11L, true), null, Map.of("rows", "places"));
        w.geocsp(3, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(4, "Contrastive Pretrainer", PRETRAINER, train(2, Map.of("image_embedding_column", "name_embedding")),
                null, Map.of("epochs", "pretrain_epochs", "device", "device"));
        w.geocsp(5, "Fine-Tuner", FINE_TUNER, train(3, Map.of("label_column", "country", "image_embedding_column",
                "name_embedding")), null, Map.of("epochs", "finetune_epochs", "device", "device"));
        w.geocsp(6, "Location Predictor", PREDICTOR, Map.of("longitude_column", "longitude", "latitude_column",
                "latitude", "output", "top-k classes", "top_k", 1, "image_probabilities",
                "image embedding (model's image classifier)", "image_embedding_column", "name_embedding"),
                predictorPorts, Map.of());
        w.scorer(7, "country", "class 1");
        w.connect(3, 1, 4, 1);
        w.connect(2, 1, 4, 2);
        w.connect(4, 1, 5, 1);
        w.connect(2, 1, 5, 2);
        w.connect(5, 1, 6, 1);
        w.connect(2, 1, 6, 2);
        w.connect(6, 1, 7, 1);
        w.write();

        w = new TestflowWriter(root.resolve("GeoCSP_Photos"),
                "From a folder of photos to a model: Geotagged Image Reader (48 generated JPEGs with EXIF GPS in"
                        + " data/photos, one without GPS left out) -> Image Embedder (the tiny TorchScript backbone in"
                        + " data/, 16 values) -> Contrastive Pretrainer -> Fine-Tuner (label: the camera model, which"
                        + " stands for the region here) -> Location Predictor, and Image Geolocator on a 10-degree grid.");
        w.testConfig(1, List.of(), 900);
        w.geocsp(2, "Geotagged Image Reader", IMAGE_READER, Map.of("folder", "knime://knime.workflow/data/photos",
                "missing_gps", "leave out"));
        w.geocsp(3, "Image Embedder", IMAGE_EMBEDDER, Map.of("model_file", "knime://knime.workflow/data/tiny-backbone.pt",
                "path_column", "path", "size", 32, "device", "cpu", "batch_size", 16));
        w.geocsp(4, "Spatial Encoder", ENCODER, smallEncoder("Space2Vec-grid"));
        w.geocsp(5, "Contrastive Pretrainer", PRETRAINER, train(2, Map.of("image_embedding_column", "image_embedding")));
        w.geocsp(6, "Fine-Tuner", FINE_TUNER, train(3, Map.of("label_column", "model", "image_embedding_column",
                "image_embedding")));
        w.geocsp(7, "Location Predictor", PREDICTOR, Map.of("longitude_column", "longitude", "latitude_column",
                "latitude", "output", "top-k classes", "top_k", 1, "image_probabilities",
                "image embedding (model's image classifier)", "image_embedding_column", "image_embedding"),
                predictorPorts, Map.of());
        w.geocsp(8, "Image Geolocator", GEOLOCATOR, Map.of("image_embedding_column", "image_embedding",
                "true_longitude_column", "longitude", "true_latitude_column", "latitude", "grid_resolution", 10.0),
                geolocatorPorts, Map.of());
        w.connect(2, 1, 3, 1);
        w.connect(4, 1, 5, 1);
        w.connect(3, 1, 5, 2);
        w.connect(5, 1, 6, 1);
        w.connect(3, 1, 6, 2);
        w.connect(6, 1, 7, 1);
        w.connect(3, 1, 7, 2);
        w.connect(5, 1, 8, 1);
        w.connect(3, 1, 8, 2);
        w.write();
        writePhotos(root.resolve("GeoCSP_Photos/data"));

        w = new TestflowWriter(root.resolve("GeoCSP_GeotaggedImages"),
                "Geotagged Image Reader and Image Embedder: the photos of data/photos (all, keeping the one without"
                        + " GPS; only *.png: none), embedded as a vector column and as number columns with CLIP"
                        + " normalisation; node #7 (a custom standard deviation of 0) must fail.");
        w.testConfig(1, List.of(7), 600);
        w.geocsp(2, "Geotagged Image Reader", IMAGE_READER, Map.of("folder", "knime://knime.workflow/data/photos"));
        w.geocsp(3, "Geotagged Image Reader", IMAGE_READER, Map.of("folder", "knime://knime.workflow/data/photos",
                "pattern", "*.png", "recursive", false));
        w.geocsp(4, "Image Embedder", IMAGE_EMBEDDER, Map.of("model_file", "knime://knime.workflow/data/tiny-backbone.pt",
                "path_column", "path", "size", 32, "device", "cpu"));
        w.geocsp(5, "Image Embedder", IMAGE_EMBEDDER, Map.of("model_file", "knime://knime.workflow/data/tiny-backbone.pt",
                "path_column", "path", "size", 48, "normalization", "CLIP", "output", "one number column per value",
                "output_name", "f", "device", "cpu", "batch_size", 5));
        w.geocsp(6, "Image Embedder", IMAGE_EMBEDDER, Map.of("model_file", "knime://knime.workflow/data/tiny-backbone.pt",
                "path_column", "path", "size", 32, "device", "cpu"));
        w.geocsp(7, "Image Embedder", IMAGE_EMBEDDER, Map.of("model_file", "knime://knime.workflow/data/tiny-backbone.pt",
                "path_column", "path", "device", "cpu", "normalization", "custom mean/std", "std", "0.2,0,0.2"));
        w.connect(2, 1, 4, 1);
        w.connect(2, 1, 5, 1);
        w.connect(3, 1, 6, 1);
        w.connect(2, 1, 7, 1);
        w.write();
        writePhotos(root.resolve("GeoCSP_GeotaggedImages/data"));
    }

    /** Regions of the GeoCSP_Photos testflow: camera model (the label), centre longitude, centre latitude. */
    static final Object[][] PHOTO_REGIONS = {{"Cam Europe", 10.0, 48.0}, {"Cam Andes", -70.0, -20.0},
        {"Cam Australia", 135.0, -25.0}, {"Cam Canada", -100.0, 55.0}};

    /**
     * The GeoCSP_Photos data: 12 JPEGs per region (seeded positions around its centre; the image pattern
     * depends on the region, so embeddings carry the region), one JPEG without GPS, and the tiny backbone.
     */
    static void writePhotos(Path data) throws IOException {
        Path photos = data.resolve("photos");
        if (Files.isDirectory(photos)) {
            try (var s = Files.list(photos)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(2024);
        for (int g = 0; g < PHOTO_REGIONS.length; g++) {
            for (int i = 0; i < 12; i++) {
                double lon = (Double) PHOTO_REGIONS[g][1] + 10 * (r.nextDouble() - 0.5);
                double lat = (Double) PHOTO_REGIONS[g][2] + 10 * (r.nextDouble() - 0.5);
                org.geocsp.core.testutil.TestPhotos.jpeg(photos.resolve(String.format(java.util.Locale.ROOT,
                        "r%d-%02d.jpg", g, i)), org.geocsp.core.testutil.TestPhotos.pattern(48, 36, 20 * g + i % 3),
                        new org.geocsp.core.testutil.TestPhotos.Exif(Math.round(lon * 1e4) / 1e4,
                                Math.round(lat * 1e4) / 1e4, null, "2024:06:01 12:00:00", null, "GeoCSP test",
                                (String) PHOTO_REGIONS[g][0]));
            }
        }
        org.geocsp.core.testutil.TestPhotos.jpeg(photos.resolve("no-gps.jpg"),
                org.geocsp.core.testutil.TestPhotos.pattern(48, 36, 99), org.geocsp.core.testutil.TestPhotos.Exif.none());
        Files.copy(org.geocsp.core.testutil.TinyBackbone.file(), data.resolve("tiny-backbone.pt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
