package org.geocsp.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.geocsp.knime.config.NodeCatalog;
import org.geocsp.knime.config.Setting;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The node types a test workflow may use, with their ports and setting keys: the GeoCSP nodes as the
 * plugin declares them (plugin.xml, the factory and node-model sources, the settings lists of
 * {@link NodeCatalog}), and a short table of KNIME core nodes (see {@link #CORE}).
 */
final class NodeTypes {

    /** Port types, as far as connections are concerned. */
    enum Port {
        TABLE, GEOCSP_MODEL, IMAGE
    }

    /** A port group of a configurable factory (optional groups are present only when added). */
    record Group(String name, Port type, boolean optional) {}

    /**
     * A node type.
     *
     * @param factory factory class
     * @param inputs fixed input groups and optional ones, in port order
     * @param outputs output groups likewise
     * @param configurable whether the factory is a {@code ConfigurableNodeFactory} (ports from node_creation_config)
     * @param settings the GeoCSP settings (null for core nodes)
     * @param coreKeys the model keys of a core node: required and allowed; a key ending in "*" is a prefix
     */
    record Type(String factory, List<Group> inputs, List<Group> outputs, boolean configurable, List<Setting> settings,
            List<String> coreKeys) {}

    /**
     * KNIME core nodes the test workflows use, with their model keys. Sources:
     * <ul>
     * <li>{@code org.knime.base.node.mine.scorer.accuracy.AccuracyScorer2NodeFactory} (Scorer):
     * knime-base tag analytics-platform/5.5.3, {@code AbstractAccuracyScorerNodeModel#saveSettingsTo}
     * ("first", "second", "flowVarPrefix", "sortingReversed", "sortingStrategy", "ignore.missing.values");
     * one table in, confusion matrix and accuracy statistics out.</li>
     * <li>{@code org.knime.base.node.io.tablecreator.TableCreator2NodeFactory} (Table Creator): knime-base
     * 5.5.3, {@code TableCreator2NodeSettings#saveSettings}; column properties as in
     * {@code filereader.ColProperty#saveToConfiguration}.</li>
     * <li>{@code org.knime.testing.node.config.TestConfigNodeFactory} (Testflow Configuration) and
     * {@code org.knime.testing.internal.nodes.differ.DifferenceCheckerNodeFactory} (Table Difference
     * Checker): KNIME's testing framework (feature org.knime.features.testing.application) is not public;
     * keys as saved by KNIME in the public testflow {@code tests/src/knime/simple-test} of
     * 3D-e-Chem/tycho-knime-node-archetype.</li>
     * </ul>
     */
    static final Map<String, Type> CORE = new LinkedHashMap<>();

    static final String TEST_CONFIG = "org.knime.testing.node.config.TestConfigNodeFactory";
    static final String DIFFERENCE_CHECKER = "org.knime.testing.internal.nodes.differ.DifferenceCheckerNodeFactory";
    static final String TABLE_CREATOR = "org.knime.base.node.io.tablecreator.TableCreator2NodeFactory";
    static final String SCORER = "org.knime.base.node.mine.scorer.accuracy.AccuracyScorer2NodeFactory";

    static {
        core(TEST_CONFIG, List.of(), List.of(), List.of("owner", "requiredLogErrors", "requiredLogWarnings",
                "requiredLogInfos", "failingNodes", "requiredNodeWarnings", "requiredNodeErrors", "timeout",
                "maxHilitedRows", "usedJanitors"));
        core(DIFFERENCE_CHECKER, List.of(Port.TABLE, Port.TABLE), List.of(), List.of("ignoreRowIds", "columnConfig_*"));
        core(TABLE_CREATOR, List.of(), List.of(Port.TABLE), List.of("rowIndices", "columnIndices", "values",
                "rowIdPrefix", "rowIdSuffix", "rowIdStartValue", "highlightOutputTable", "columnProperties"));
        core(SCORER, List.of(Port.TABLE), List.of(Port.TABLE, Port.TABLE), List.of("first", "second", "flowVarPrefix",
                "sortingReversed", "sortingStrategy", "ignore.missing.values"));
    }

    private static void core(String factory, List<Port> in, List<Port> out, List<String> keys) {
        CORE.put(factory, new Type(factory, groups(in), groups(out), false, null, keys));
    }

    private static List<Group> groups(List<Port> ports) {
        List<Group> g = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            g.add(new Group("port " + i, ports.get(i), false));
        }
        return g;
    }

    private final Map<String, Type> geocsp = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Reads the GeoCSP node types from the plugin folder; {@link #problems()} lists what could not be read. */
    NodeTypes(Path pluginDir) {
        List<String> factories;
        try {
            factories = factoriesInPluginXml(pluginDir.resolve("plugin.xml"));
        } catch (Exception e) {
            problems.add("plugin.xml cannot be read: " + e.getMessage());
            return;
        }
        for (String f : factories) {
            try {
                Type t = readGeoCsp(pluginDir.resolve("src"), f);
                if (t != null) {
                    geocsp.put(f, t);
                }
            } catch (IOException e) {
                problems.add("factory " + f + ": " + e.getMessage());
            }
        }
    }

    List<String> problems() {
        return problems;
    }

    /** The type of a factory class, or null if the workflows may not use it. */
    Type of(String factory) {
        Type t = geocsp.get(factory);
        return t != null ? t : CORE.get(factory);
    }

    Set<String> geoCspFactories() {
        return geocsp.keySet();
    }

    static List<String> factoriesInPluginXml(Path pluginXml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = f.newDocumentBuilder().parse(pluginXml.toFile()).getElementsByTagName("node");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(((Element) nodes.item(i)).getAttribute("factory-class"));
        }
        return out;
    }

    private static final Pattern GROUP = Pattern.compile(
            "add(Fixed|Optional)(Input|Output)PortGroup\\(\\s*([A-Za-z_][\\w.]*|\"[^\"]*\")\\s*,\\s*([\\w.]+)\\s*\\)");
    private static final Pattern SUPER = Pattern.compile(
            "super\\(\\s*new PortType\\[\\d*\\]\\s*(\\{[^}]*\\})?\\s*,\\s*new PortType\\[\\d*\\]\\s*(\\{[^}]*\\})?");
    private static final Pattern CONSTANT = Pattern.compile(
            "static final String (\\w+)\\s*=\\s*\"([^\"]*)\"");

    private Type readGeoCsp(Path src, String factory) throws IOException {
        Path file = src.resolve(factory.replace('.', '/') + ".java");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no source " + src.relativize(file));
        }
        NodeCatalog.Entry entry = NodeCatalog.of(factory);
        if (entry == null) {
            throw new IOException("not in org.geocsp.knime.config.NodeCatalog, so its settings are unknown");
        }
        String code = Files.readString(file);
        if (knimeFactoryBase(src, code, file).equals("ConfigurableNodeFactory")) {
            Map<String, String> constants = new LinkedHashMap<>();
            Matcher c = CONSTANT.matcher(code);
            while (c.find()) {
                constants.put(c.group(1), c.group(2));
            }
            List<Group> in = new ArrayList<>();
            List<Group> out = new ArrayList<>();
            Matcher m = GROUP.matcher(code);
            while (m.find()) {
                String name = m.group(3).startsWith("\"") ? m.group(3).substring(1, m.group(3).length() - 1)
                        : constants.get(m.group(3));
                if (name == null) {
                    throw new IOException("port group name " + m.group(3) + " is no string constant of the factory");
                }
                Group g = new Group(name, port(m.group(4)), m.group(1).equals("Optional"));
                (m.group(2).equals("Input") ? in : out).add(g);
            }
            if (in.isEmpty() && out.isEmpty()) {
                throw new IOException("configurable factory without port groups");
            }
            return new Type(factory, in, out, true, entry.settings(), null);
        }
        // Classic factory: the ports are in the node model's super(...) call, next to the factory.
        String simple = factory.substring(factory.lastIndexOf('.') + 1);
        Path model = file.resolveSibling(simple.replace("NodeFactory", "NodeModel") + ".java");
        if (!Files.isRegularFile(model)) {
            throw new IOException("no node model source " + src.relativize(model));
        }
        Matcher m = SUPER.matcher(Files.readString(model));
        if (!m.find()) {
            throw new IOException("no super(new PortType[]..., new PortType[]...) in " + model.getFileName());
        }
        return new Type(factory, groups(ports(m.group(1))), groups(ports(m.group(2))), false, entry.settings(), null);
    }

    private static final Pattern EXTENDS = Pattern.compile("class\\s+\\w+(?:<[^>{]*>)?\\s+extends\\s+(\\w+)\\s*<");
    private static final Pattern IMPORT = Pattern.compile("import\\s+([\\w.]+)\\s*;");

    /**
     * The KNIME factory class a factory source derives from, {@code NodeFactory} or
     * {@code ConfigurableNodeFactory}, following the plugin's own base classes (e.g. a settings-dialog
     * factory in the util package) through their sources.
     */
    static String knimeFactoryBase(Path src, String code, Path file) throws IOException {
        for (int depth = 0; depth < 5; depth++) {
            Matcher m = EXTENDS.matcher(code);
            if (!m.find()) {
                throw new IOException(src.relativize(file) + " extends no generic factory class");
            }
            String base = m.group(1);
            if (base.equals("NodeFactory") || base.equals("ConfigurableNodeFactory")) {
                return base;
            }
            String fqn = null;
            Matcher i = IMPORT.matcher(code);
            while (i.find()) {
                if (i.group(1).endsWith("." + base)) {
                    fqn = i.group(1);
                }
            }
            Path next = fqn == null ? file.resolveSibling(base + ".java") : src.resolve(fqn.replace('.', '/') + ".java");
            if (!Files.isRegularFile(next)) {
                throw new IOException(src.relativize(file) + " extends " + base
                        + ", which is neither a KNIME node factory nor a class of the plugin");
            }
            file = next;
            code = Files.readString(next);
        }
        throw new IOException(src.relativize(file) + ": factory class chain too deep");
    }

    private static List<Port> ports(String array) throws IOException {
        List<Port> l = new ArrayList<>();
        if (array == null || !array.startsWith("{")) {
            return l;
        }
        for (String t : array.substring(1, array.length() - 1).split(",")) {
            if (!t.isBlank()) {
                l.add(port(t.trim()));
            }
        }
        return l;
    }

    private static Port port(String token) throws IOException {
        return switch (token) {
            case "BufferedDataTable.TYPE" -> Port.TABLE;
            case "GeoModelPortObject.TYPE" -> Port.GEOCSP_MODEL;
            case "ImagePortObject.TYPE" -> Port.IMAGE;
            default -> throw new IOException("unknown port type " + token);
        };
    }
}
