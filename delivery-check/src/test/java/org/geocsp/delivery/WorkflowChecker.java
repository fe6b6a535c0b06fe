package org.geocsp.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.MapConfigStore;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.config.SettingModels;
import org.geocsp.knime.config.SettingValues;

/**
 * Checks the KNIME workflows under a folder (each folder holding a {@code workflow.knime}) without
 * KNIME: every node's settings file exists and names a factory the workflows may use
 * ({@link NodeTypes}); every key of a GeoCSP node's model settings is one of the node's settings or
 * the internals config its settings model writes beside it (as KNIME saves after a dialog OK), every
 * setting is there with the type its settings model writes and a value in range; core nodes hold
 * exactly their documented keys; every connection joins existing ports of the same type, no input port
 * has two connections and every fixed input port is connected; each testflow has one Testflow
 * Configuration whose failing nodes exist.
 */
final class WorkflowChecker {

    /** A node of a workflow as read. */
    record Node(int id, String folder, XmlConfig settings, NodeTypes.Type type, List<NodeTypes.Port> in,
            List<NodeTypes.Port> out) {

        String label() {
            return "node '" + folder + "'";
        }
    }

    /** A workflow as read: its nodes by id and its connections. */
    record Workflow(Path dir, Map<Integer, Node> nodes, List<int[]> connections, Map<String, String> variables) {}

    /**
     * The workflow format version KNIME 5.x writes into workflow.knime ("version"; the release is in
     * "created_by"), as in the workflows KNIME 5.5 saved in knime-core's tests (tag analytics-platform/5.5.3).
     * A newer string would load as a workflow from a future version.
     */
    static final String FORMAT_VERSION = "5.1.0";

    private static final Pattern FOLDER = Pattern.compile(".* \\(#(\\d+)\\)");

    private final NodeTypes types;

    WorkflowChecker(NodeTypes types) {
        this.types = types;
    }

    /** Every folder under {@code root} with a workflow.knime, sorted. */
    static List<Path> workflows(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("workflow.knime")).map(Path::getParent).sorted()
                    .toList();
        }
    }

    /** All problems of all workflows under {@code root}, each prefixed with the workflow's folder name. */
    List<String> checkAll(Path root) throws IOException {
        List<String> problems = new ArrayList<>(types.problems());
        List<Path> dirs = workflows(root);
        if (dirs.isEmpty()) {
            problems.add("no workflow.knime under " + root);
        }
        for (Path d : dirs) {
            for (String p : check(d)) {
                problems.add(root.relativize(d) + ": " + p);
            }
        }
        return problems;
    }

    /** The problems of one workflow folder. */
    List<String> check(Path dir) {
        List<String> problems = new ArrayList<>();
        Workflow wf = read(dir, problems);
        if (wf == null) {
            return problems;
        }
        for (Node n : wf.nodes().values()) {
            checkSettings(n, problems);
            checkVariables(n, wf.variables(), problems);
        }
        checkConnections(wf, problems);
        checkTestflow(wf, problems);
        return problems;
    }

    /** Reads a workflow; problems of single nodes are added and the node left out. */
    Workflow read(Path dir, List<String> problems) {
        XmlConfig wf;
        try {
            wf = XmlConfig.read(dir.resolve("workflow.knime"));
        } catch (IOException e) {
            problems.add("workflow.knime cannot be read: " + e.getMessage());
            return null;
        }
        if (!FORMAT_VERSION.equals(wf.value("version"))) {
            problems.add("workflow.knime: format version " + wf.value("version") + ", KNIME 5.x reads and writes "
                    + FORMAT_VERSION);
        }
        Map<Integer, Node> nodes = new TreeMap<>();
        XmlConfig nodeList = wf.config("nodes");
        if (nodeList == null) {
            problems.add("workflow.knime has no 'nodes' config");
            return null;
        }
        for (XmlConfig n : nodeList.configs()) {
            Node node = readNode(dir, n, problems);
            if (node != null && nodes.put(node.id(), node) != null) {
                problems.add("node id " + node.id() + " twice");
            }
        }
        List<int[]> connections = new ArrayList<>();
        XmlConfig cs = wf.config("connections");
        if (cs != null) {
            for (XmlConfig c : cs.configs()) {
                try {
                    connections.add(new int[] {intValue(c, "sourceID"), intValue(c, "sourcePort"), intValue(c, "destID"),
                        intValue(c, "destPort")});
                } catch (IllegalArgumentException e) {
                    problems.add("connection '" + c.key() + "': " + e.getMessage());
                }
            }
        }
        Map<String, String> variables = new HashMap<>();
        XmlConfig vs = wf.config("workflow_variables");
        if (vs != null) {
            for (XmlConfig v : vs.configs()) {
                variables.put(v.value("name"), v.value("class"));
            }
        }
        return new Workflow(dir, nodes, connections, variables);
    }

    private static int intValue(XmlConfig c, String key) {
        XmlConfig.Entry e = c.entry(key);
        if (e == null || !"xint".equals(e.type())) {
            throw new IllegalArgumentException("no int entry '" + key + "'");
        }
        return Integer.parseInt(e.value());
    }

    private Node readNode(Path dir, XmlConfig n, List<String> problems) {
        int id;
        try {
            id = intValue(n, "id");
        } catch (IllegalArgumentException e) {
            problems.add("workflow.knime node '" + n.key() + "': " + e.getMessage());
            return null;
        }
        if ("true".equals(n.value("node_is_meta"))) {
            problems.add("node #" + id + " is a metanode or component; this check reads native nodes only");
            return null;
        }
        String file = n.value("node_settings_file");
        if (file == null) {
            problems.add("node #" + id + " has no node_settings_file");
            return null;
        }
        Path settingsFile = dir.resolve(file);
        String folder = settingsFile.getParent().getFileName().toString();
        Matcher m = FOLDER.matcher(folder);
        if (!m.matches() || Integer.parseInt(m.group(1)) != id) {
            problems.add("node #" + id + ": folder '" + folder + "' is not named '<node name> (#" + id + ")'");
        }
        if (!Files.isRegularFile(settingsFile)) {
            problems.add("node #" + id + ": " + file + " does not exist");
            return null;
        }
        XmlConfig s;
        try {
            s = XmlConfig.read(settingsFile);
        } catch (IOException e) {
            problems.add("node #" + id + ": " + e.getMessage());
            return null;
        }
        String factory = s.value("factory");
        NodeTypes.Type t = factory == null ? null : types.of(factory);
        if (t == null) {
            problems.add("node '" + folder + "': factory " + factory + " is neither a GeoCSP node of plugin/plugin.xml"
                    + " nor one of the KNIME core nodes the test workflows may use " + NodeTypes.CORE.keySet());
            return null;
        }
        List<NodeTypes.Port> in = new ArrayList<>();
        List<NodeTypes.Port> out = new ArrayList<>();
        XmlConfig creation = s.config("node_creation_config");
        if (t.configurable() && creation == null) {
            problems.add("node '" + folder + "': no node_creation_config (the port groups of " + factory + ")");
        }
        ports(t.inputs(), creation, folder, in, problems);
        ports(t.outputs(), creation, folder, out, problems);
        return new Node(id, folder, s, t, in, out);
    }

    /** The ports of the groups; an optional group counts when node_creation_config holds a port for it. */
    private static void ports(List<NodeTypes.Group> groups, XmlConfig creation, String folder, List<NodeTypes.Port> out,
            List<String> problems) {
        for (NodeTypes.Group g : groups) {
            if (!g.optional()) {
                out.add(g.type());
                continue;
            }
            XmlConfig group = creation == null ? null : creation.config(g.name());
            if (group == null) {
                problems.add("node '" + folder + "': node_creation_config lacks the port group '" + g.name() + "'");
                continue;
            }
            for (XmlConfig p : group.configs()) {
                String cls = p.value("object_class");
                if (cls == null || !cls.endsWith("." + simpleName(g.type()))) {
                    problems.add("node '" + folder + "': port group '" + g.name() + "' holds " + cls + ", expected a "
                            + simpleName(g.type()));
                }
                out.add(g.type());
            }
        }
    }

    static String simpleName(NodeTypes.Port p) {
        return switch (p) {
            case TABLE -> "BufferedDataTable";
            case GEOCSP_MODEL -> "GeoModelPortObject";
            case IMAGE -> "ImagePortObject";
        };
    }

    private static void checkSettings(Node n, List<String> problems) {
        XmlConfig model = n.settings().config("model");
        if (model == null) {
            problems.add(n.label() + ": settings.xml has no 'model' config");
            return;
        }
        if (n.type().settings() != null) {
            checkGeoCspSettings(n, model, problems);
        } else {
            checkCoreSettings(n, model, problems);
        }
    }

    /**
     * A GeoCSP node's model settings as its settings models write them (see {@link SettingModels}):
     * per setting its value and, as KNIME writes after a dialog OK or a save, its {@code <key>_Internals}
     * config (optional: earlier versions saved flat keys). Anything else is a problem.
     */
    private static void checkGeoCspSettings(Node n, XmlConfig model, List<String> problems) {
        List<Setting> settings = n.type().settings();
        Map<String, Setting> byKey = new HashMap<>();
        for (Setting s : settings) {
            byKey.put(s.key(), s);
        }
        MapConfigStore store = new MapConfigStore();
        for (Object o : model.children().values()) {
            if (o instanceof XmlConfig c) {
                Setting owner = SettingModels.internalsOf(c.key(), settings);
                if (owner == null) {
                    problems.add(n.label() + ": setting '" + c.key() + "' is a config; " + n.type().factory()
                            + " has configs only for its settings models' internals (<key>" + SettingModels.INTERNALS_SUFFIX
                            + ")");
                    continue;
                }
                MapConfigStore internals = store.addConfig(c.key());
                for (Object x : c.children().values()) {
                    if (!(x instanceof XmlConfig.Entry e)
                            || !List.of(SettingModels.MODEL_ID, SettingModels.ENABLED).contains(e.key())) {
                        problems.add(n.label() + ": " + c.key() + " holds '" + (x instanceof XmlConfig xc ? xc.key()
                                : ((XmlConfig.Entry) x).key()) + "'; a settings model writes only "
                                + SettingModels.MODEL_ID + " and " + SettingModels.ENABLED);
                        continue;
                    }
                    Object v = typed(e);
                    if (v != e) {
                        internals.putRaw(e.key(), v);
                    }
                }
                continue;
            }
            XmlConfig.Entry e = (XmlConfig.Entry) o;
            if (!byKey.containsKey(e.key())) {
                problems.add(n.label() + ": setting key '" + e.key() + "' is not a setting of " + n.type().factory()
                        + " (its keys: " + String.join(", ", byKey.keySet().stream().sorted().toList()) + ")");
                continue;
            }
            Object v = typed(e);
            if (v == e) {
                problems.add(n.label() + ": setting '" + e.key() + "' has type " + e.type() + " and value '" + e.value()
                        + "', which cannot be read");
                continue;
            }
            store.putRaw(e.key(), v);
        }
        try {
            SettingValues values = SettingValues.load(settings, store);
            for (String p : values.rangeProblems()) {
                problems.add(n.label() + ": " + p);
            }
        } catch (ConfigException e) {
            for (String p : e.problems()) {
                problems.add(n.label() + ": " + p);
            }
        }
    }

    /** The value of an entry as the type KNIME reads it with (null for a null string), or the entry itself if unreadable. */
    static Object typed(XmlConfig.Entry e) {
        Object v = switch (e.type()) {
            case "xstring" -> e.isNull() ? null : e.value();
            case "xint" -> parse(() -> Integer.valueOf(e.value()));
            case "xlong" -> parse(() -> Long.valueOf(e.value()));
            case "xdouble" -> parse(() -> Double.valueOf(e.value()));
            case "xboolean" -> "true".equals(e.value()) ? Boolean.TRUE : "false".equals(e.value()) ? Boolean.FALSE : null;
            default -> e;
        };
        return v == null && !e.type().equals("xstring") ? e : v;
    }

    /** A node's model settings as a store (configs nested), for the plugin's loaders. */
    static MapConfigStore store(XmlConfig model) {
        MapConfigStore store = new MapConfigStore();
        for (Object o : model.children().values()) {
            if (o instanceof XmlConfig c) {
                store.putRaw(c.key(), store(c));
            } else {
                XmlConfig.Entry e = (XmlConfig.Entry) o;
                store.putRaw(e.key(), typed(e));
            }
        }
        return store;
    }

    /** Settings bound to flow variables: the setting exists and a workflow variable of its type is defined. */
    private static void checkVariables(Node n, Map<String, String> variables, List<String> problems) {
        XmlConfig bound = n.settings().config("variables");
        XmlConfig model = n.settings().config("model");
        if (bound == null || model == null) {
            return;
        }
        for (XmlConfig b : bound.configs()) {
            XmlConfig.Entry setting = model.entry(b.key());
            String var = b.value("used_variable");
            if (setting == null) {
                problems.add(n.label() + ": flow variable '" + var + "' is bound to setting '" + b.key()
                        + "', which the node does not have");
                continue;
            }
            if (var == null) {
                continue; // only exposed as a variable
            }
            String cls = variables.get(var);
            if (cls == null) {
                problems.add(n.label() + ": setting '" + b.key() + "' uses flow variable '" + var
                        + "', which is no workflow variable of workflow.knime");
                continue;
            }
            String expected = switch (cls) {
                case "INTEGER" -> "xint";
                case "DOUBLE" -> "xdouble";
                case "STRING" -> "xstring";
                case "LONG" -> "xlong";
                case "BOOLEAN" -> "xboolean";
                default -> "?";
            };
            if (!expected.equals(setting.type())) {
                problems.add(n.label() + ": setting '" + b.key() + "' (" + setting.type() + ") uses the " + cls
                        + " variable '" + var + "'");
            }
        }
    }

    private static Object parse(java.util.function.Supplier<Object> s) {
        try {
            return s.get();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void checkCoreSettings(Node n, XmlConfig model, List<String> problems) {
        List<String> keys = n.type().coreKeys();
        for (String k : model.children().keySet()) {
            boolean known = keys.stream().anyMatch(a -> a.endsWith("*") ? k.startsWith(a.substring(0, a.length() - 1))
                    : a.equals(k));
            if (!known) {
                problems.add(n.label() + ": setting key '" + k + "' is not a setting of " + n.type().factory()
                        + " (its keys: " + String.join(", ", keys) + ")");
            }
        }
        for (String a : keys) {
            if (!a.endsWith("*") && !model.children().containsKey(a)) {
                problems.add(n.label() + ": setting '" + a + "' of " + n.type().factory() + " is missing");
            }
        }
    }

    private static void checkConnections(Workflow wf, List<String> problems) {
        Map<String, int[]> into = new HashMap<>();
        for (int[] c : wf.connections()) {
            Node src = wf.nodes().get(c[0]);
            Node dst = wf.nodes().get(c[2]);
            String what = "connection #" + c[0] + ":" + c[1] + " -> #" + c[2] + ":" + c[3];
            if (src == null || dst == null) {
                problems.add(what + " joins a node that does not exist");
                continue;
            }
            if (into.put(c[2] + ":" + c[3], c) != null) {
                problems.add(what + ": input port " + c[3] + " of " + dst.label() + " has two connections");
            }
            // Port 0 of every node is its flow-variable port; data ports count from 1.
            if (c[1] == 0 || c[3] == 0) {
                if (c[1] != 0 || c[3] != 0) {
                    problems.add(what + " joins a flow-variable port to a data port");
                }
                continue;
            }
            if (c[1] > src.out().size()) {
                problems.add(what + ": " + src.label() + " has " + src.out().size() + " output port(s)");
                continue;
            }
            if (c[3] > dst.in().size()) {
                problems.add(what + ": " + dst.label() + " has " + dst.in().size() + " input port(s)");
                continue;
            }
            NodeTypes.Port from = src.out().get(c[1] - 1);
            NodeTypes.Port to = dst.in().get(c[3] - 1);
            if (from != to) {
                problems.add(what + " joins " + from + " (output " + c[1] + " of " + src.label() + ") to " + to
                        + " (input " + c[3] + " of " + dst.label() + ")");
            }
        }
        for (Node n : wf.nodes().values()) {
            int fixed = (int) n.type().inputs().stream().filter(g -> !g.optional()).count();
            for (int p = 1; p <= fixed; p++) {
                if (!into.containsKey(n.id() + ":" + p)) {
                    problems.add(n.label() + ": input port " + p + " is not connected");
                }
            }
        }
    }

    private static void checkTestflow(Workflow wf, List<String> problems) {
        List<Node> configs = wf.nodes().values().stream()
                .filter(n -> n.type().factory().equals(NodeTypes.TEST_CONFIG)).toList();
        if (configs.size() != 1) {
            problems.add("a testflow needs exactly one Testflow Configuration node, found " + configs.size());
            return;
        }
        XmlConfig model = configs.get(0).settings().config("model");
        XmlConfig failing = model == null ? null : model.config("failingNodes");
        if (failing != null) {
            for (Object o : failing.children().values()) {
                if (o instanceof XmlConfig.Entry e && !e.key().equals("array-size")) {
                    try {
                        if (!wf.nodes().containsKey(Integer.parseInt(e.value()))) {
                            problems.add("Testflow Configuration names failing node " + e.value() + ", which does not exist");
                        }
                    } catch (NumberFormatException x) {
                        problems.add("Testflow Configuration names failing node '" + e.value() + "', not a node id");
                    }
                }
            }
        }
    }
}
