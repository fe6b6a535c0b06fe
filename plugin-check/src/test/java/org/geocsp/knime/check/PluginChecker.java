package org.geocsp.knime.check;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.geocsp.knime.config.NodeCatalog;
import org.geocsp.knime.config.Setting;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks the structure of the KNIME plugin folder without KNIME: plugin.xml against the sources,
 * node descriptions (schema, documented settings, icons), port types, manifest and
 * build.properties. Returns every problem found.
 */
final class PluginChecker {

    static final String NODE_NS = "http://knime.org/node/v4.1";

    /** Problems (the plugin is broken) and notes (checks skipped and why). */
    record Report(List<String> problems, List<String> notes) {}

    private final Path plugin;
    private final Path schemaDir;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PluginChecker(Path plugin, Path schemaDir) {
        this.plugin = plugin;
        this.schemaDir = schemaDir;
    }

    /** Checks a plugin folder; {@code schemaDir} holds Node_v4.1.xsd, or null to skip schema validation. */
    static Report check(Path plugin, Path schemaDir) {
        PluginChecker c = new PluginChecker(plugin, schemaDir);
        c.run();
        return new Report(List.copyOf(c.problems), List.copyOf(c.notes));
    }

    /** The plugin folder: system property geocsp.plugin.dir, or plugin/ found upwards from the working dir. */
    static Path pluginDir() {
        String p = System.getProperty("geocsp.plugin.dir");
        if (p != null) {
            return Paths.get(p).toAbsolutePath().normalize();
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("plugin/plugin.xml"))) {
                return d.resolve("plugin");
            }
        }
        throw new IllegalStateException("plugin folder not found: set -Dgeocsp.plugin.dir");
    }

    /**
     * How a node description states a setting's default ("Default: 20."), or null for settings
     * without one to state (columns, free text).
     */
    static String documentedDefault(Setting s) {
        return switch (s.type()) {
            case INT, LONG, DOUBLE -> org.geocsp.core.settings.Param.format(s.defaultValue());
            case BOOLEAN -> (Boolean) s.defaultValue() ? "on" : "off";
            case CHOICE -> s.defaultValue().toString();
            case STRING, COLUMN -> null;
        };
    }

    /**
     * The folder of KNIME's node description schemas: system property geocsp.knime.schemas, else
     * shared/knime-schemas found upwards from the working directory (as a child or a sibling); null
     * if absent.
     */
    static Path schemaDir() {
        String p = System.getProperty("geocsp.knime.schemas", System.getenv("GEOCSP_KNIME_SCHEMAS"));
        if (p != null) {
            return Paths.get(p);
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            for (Path c : new Path[] {d.resolve("shared/knime-schemas"),
                d.resolveSibling("shared").resolve("knime-schemas")}) {
                if (Files.isRegularFile(c.resolve("Node_v4.1.xsd"))) {
                    return c;
                }
            }
        }
        return null;
    }

    private void run() {
        Document doc = parse(plugin.resolve("plugin.xml"), false);
        if (doc == null) {
            return;
        }
        Set<String> categories = new HashSet<>();
        for (Element cat : extensionChildren(doc, "org.knime.workbench.repository.categories", "category")) {
            String path = cat.getAttribute("path");
            String id = cat.getAttribute("level-id");
            categories.add((path.endsWith("/") ? path : path + "/") + id);
            String icon = cat.getAttribute("icon");
            if (!icon.isEmpty()) {
                checkIcon(plugin.resolve(icon), "category '" + cat.getAttribute("name") + "'");
            }
        }
        Set<String> factories = new LinkedHashSet<>();
        for (Element node : extensionChildren(doc, "org.knime.workbench.repository.nodes", "node")) {
            String factory = node.getAttribute("factory-class");
            if (!factories.add(factory)) {
                problems.add("plugin.xml registers factory " + factory + " twice");
            }
            if (!categories.contains(node.getAttribute("category-path"))) {
                problems.add("plugin.xml: node " + factory + " is in category '" + node.getAttribute("category-path")
                    + "', which plugin.xml does not define");
            }
            checkFactory(factory);
        }
        if (factories.isEmpty()) {
            problems.add("plugin.xml registers no node");
        }
        for (String f : factoriesInSources()) {
            if (!factories.contains(f)) {
                problems.add("node factory " + f + " is in the sources but not registered in plugin.xml");
            }
        }
        for (NodeCatalog.Entry e : NodeCatalog.NODES) {
            if (!factories.contains(e.factoryClass())) {
                problems.add("node " + e.factoryClass() + " of the NodeCatalog is not registered in plugin.xml");
            }
        }
        checkPortTypes(doc);
        for (Element page : extensionChildren(doc, "org.eclipse.ui.preferencePages", "page")) {
            requireClass(page.getAttribute("class"), "preference page '" + page.getAttribute("name") + "'");
        }
        for (Element init : extensionChildren(doc, "org.eclipse.core.runtime.preferences", "initializer")) {
            requireClass(init.getAttribute("class"), "preference initializer");
        }
        checkManifestAndBuildProperties();
    }

    private void checkFactory(String factory) {
        Path src = sourceOf(factory);
        if (src == null) {
            problems.add("factory " + factory + " (plugin.xml) has no source file " + sourcePath(factory));
            return;
        }
        String simple = factory.substring(factory.lastIndexOf('.') + 1);
        Path xml = src.resolveSibling(simple + ".xml");
        if (!Files.isRegularFile(xml)) {
            problems.add("factory " + factory + " has no node description " + plugin.relativize(xml));
            return;
        }
        Document d = parse(xml, true);
        if (d == null) {
            return;
        }
        validate(xml);
        Element root = d.getDocumentElement();
        if (!"knimeNode".equals(root.getLocalName()) || !NODE_NS.equals(root.getNamespaceURI())) {
            problems.add(plugin.relativize(xml) + ": root must be knimeNode in namespace " + NODE_NS);
        }
        String icon = root.getAttribute("icon");
        if (icon.isEmpty()) {
            problems.add(plugin.relativize(xml) + " names no icon");
        } else {
            checkIcon(src.getParent().resolve(icon).normalize(), "node " + simple);
        }
        String text = root.getTextContent();
        if (!text.contains("Mai") || !text.contains("ICML 2023")) {
            problems.add(plugin.relativize(xml) + " does not cite the CSP paper (Mai et al., ICML 2023)");
        }
        List<String> options = new ArrayList<>();
        java.util.Map<String, String> optionTexts = new java.util.HashMap<>();
        NodeList opts = d.getElementsByTagNameNS(NODE_NS, "option");
        for (int i = 0; i < opts.getLength(); i++) {
            options.add(((Element) opts.item(i)).getAttribute("name"));
            optionTexts.put(((Element) opts.item(i)).getAttribute("name"),
                    opts.item(i).getTextContent().replaceAll("\\s+", " "));
            if (opts.item(i).getTextContent().isBlank()) {
                problems.add(plugin.relativize(xml) + ": option '" + ((Element) opts.item(i)).getAttribute("name")
                    + "' has no description");
            }
        }
        NodeCatalog.Entry entry = NodeCatalog.of(factory);
        if (entry == null) {
            problems.add("factory " + factory + " has no NodeCatalog entry (its settings cannot be checked)");
        } else {
            Set<String> labels = new LinkedHashSet<>();
            for (Setting s : entry.settings()) {
                labels.add(s.label());
                if (!options.contains(s.label())) {
                    problems.add(plugin.relativize(xml) + " does not document setting '" + s.label() + "'");
                } else {
                    String def = documentedDefault(s);
                    if (def != null && !optionTexts.get(s.label()).contains("Default: " + def + ".")) {
                        problems.add(plugin.relativize(xml) + ": option '" + s.label() + "' does not state its default"
                                + " 'Default: " + def + ".'");
                    }
                }
            }
            for (String o : options) {
                if (!labels.contains(o)) {
                    problems.add(plugin.relativize(xml) + " documents option '" + o + "', which the node does not have");
                }
            }
        }
        NodeList ports = d.getElementsByTagNameNS(NODE_NS, "ports");
        if (ports.getLength() != 1 || ((Element) ports.item(0)).getElementsByTagNameNS(NODE_NS, "*").getLength() == 0) {
            problems.add(plugin.relativize(xml) + " documents no port");
        } else {
            NodeList ps = ports.item(0).getChildNodes();
            for (int i = 0; i < ps.getLength(); i++) {
                if (ps.item(i) instanceof Element p && p.getTextContent().isBlank()) {
                    problems.add(plugin.relativize(xml) + ": port '" + p.getAttribute("name") + "' has no description");
                }
            }
        }
    }

    private void validate(Path xml) {
        if (schemaDir == null) {
            String note = "node descriptions not validated: Node_v4.1.xsd not found (set -Dgeocsp.knime.schemas or"
                + " provide shared/knime-schemas)";
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return;
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Schema schema = f.newSchema(schemaDir.resolve("Node_v4.1.xsd").toFile());
            schema.newValidator().validate(new StreamSource(xml.toFile()));
        } catch (SAXParseException e) {
            problems.add(plugin.relativize(xml) + " is not valid against Node_v4.1.xsd (line " + e.getLineNumber()
                + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            problems.add(plugin.relativize(xml) + " cannot be validated: " + e.getMessage());
        }
    }

    private void checkIcon(Path icon, String what) {
        if (!Files.isRegularFile(icon)) {
            problems.add(what + ": icon " + plugin.relativize(icon) + " is missing");
            return;
        }
        try (InputStream in = Files.newInputStream(icon)) {
            byte[] head = in.readNBytes(8);
            if (head.length < 8 || (head[0] & 0xff) != 0x89 || head[1] != 'P' || head[2] != 'N' || head[3] != 'G') {
                problems.add(what + ": icon " + plugin.relativize(icon) + " is not a PNG");
                return;
            }
        } catch (IOException e) {
            problems.add(what + ": icon " + plugin.relativize(icon) + " cannot be read");
            return;
        }
        try {
            BufferedImage img = ImageIO.read(icon.toFile());
            if (img == null || img.getWidth() != 16 || img.getHeight() != 16) {
                problems.add(what + ": icon " + plugin.relativize(icon) + " must be 16x16, is "
                    + (img == null ? "unreadable" : img.getWidth() + "x" + img.getHeight()));
            }
        } catch (IOException e) {
            problems.add(what + ": icon " + plugin.relativize(icon) + " cannot be decoded");
        }
    }

    private void checkPortTypes(Document doc) {
        Set<String> objects = new HashSet<>();
        Set<String> specs = new HashSet<>();
        for (Element p : extensionChildren(doc, "org.knime.core.PortType", "portType")) {
            String name = "port type '" + p.getAttribute("name") + "'";
            for (String attr : List.of("objectClass", "objectSerializer", "specClass", "specSerializer")) {
                String cls = p.getAttribute(attr);
                if (cls.isEmpty()) {
                    if (!attr.equals("specSerializer") || p.getAttribute("specClass").startsWith("org.geocsp.")) {
                        problems.add(name + " has no " + attr);
                    }
                    continue;
                }
                if (cls.startsWith("org.geocsp.")) {
                    requireClass(cls, name + " " + attr);
                }
            }
            objects.add(p.getAttribute("objectClass"));
            specs.add(p.getAttribute("specClass"));
        }
        Pattern portObject = Pattern.compile(
            "class\\s+(\\w+)\\s+extends\\s+(FileStorePortObject|AbstractPortObject|AbstractSimplePortObject)\\b");
        Pattern portSpec = Pattern.compile("class\\s+(\\w+)\\s+extends\\s+(AbstractSimplePortObjectSpec)\\b");
        for (Path src : javaSources()) {
            String text = read(src);
            String cls = className(src);
            Matcher m = portObject.matcher(text);
            if (m.find() && m.group(1).equals(simpleName(cls)) && !objects.contains(cls)) {
                problems.add("port object " + cls + " is not registered as a port type in plugin.xml");
            }
            Matcher s = portSpec.matcher(text);
            if (s.find() && s.group(1).equals(simpleName(cls)) && !specs.contains(cls)) {
                problems.add("port object spec " + cls + " is not the spec of a port type in plugin.xml");
            }
        }
    }

    private void checkManifestAndBuildProperties() {
        Path mf = plugin.resolve("META-INF/MANIFEST.MF");
        Attributes a;
        try (InputStream in = Files.newInputStream(mf)) {
            a = new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            problems.add("META-INF/MANIFEST.MF cannot be read: " + e.getMessage());
            return;
        }
        String bsn = a.getValue("Bundle-SymbolicName");
        if (bsn == null || !bsn.replace(" ", "").equals("org.geocsp.knime;singleton:=true")) {
            problems.add("MANIFEST.MF: Bundle-SymbolicName must be 'org.geocsp.knime;singleton:=true', is " + bsn);
        }
        String req = a.getValue("Require-Bundle");
        for (String b : List.of("org.knime.core;bundle-version=\"[5.5.0,6.0.0)\"", "org.geocsp.core", "org.geocsp.djl",
            "org.eclipse.ui")) {
            if (req == null || !req.replace(" ", "").contains(b)) {
                problems.add("MANIFEST.MF: Require-Bundle lacks " + b);
            }
        }
        Properties bp = new Properties();
        try (InputStream in = Files.newInputStream(plugin.resolve("build.properties"))) {
            bp.load(in);
        } catch (IOException e) {
            problems.add("build.properties cannot be read: " + e.getMessage());
            return;
        }
        List<String> binIncludes = split(bp.getProperty("bin.includes", ""));
        for (String inc : binIncludes) {
            if (!inc.equals(".") && !Files.exists(plugin.resolve(inc))) {
                problems.add("build.properties: bin.includes entry '" + inc + "' does not exist");
            }
        }
        for (String must : List.of("META-INF/", "plugin.xml", "icons/")) {
            if (!binIncludes.contains(must)) {
                problems.add("build.properties: bin.includes lacks " + must);
            }
        }
        String cp = a.getValue("Bundle-ClassPath");
        List<String> entries = cp == null ? List.of(".") : split(cp);
        for (String e : entries) {
            if (!binIncludes.contains(e)) {
                problems.add("Bundle-ClassPath entry '" + e + "' is not in build.properties bin.includes");
            }
            String source = bp.getProperty("source." + e);
            if (source == null && !e.equals(".") && !Files.isRegularFile(plugin.resolve(e))) {
                problems.add("Bundle-ClassPath entry '" + e + "' is neither a jar in the plugin nor built"
                    + " (no source." + e + " in build.properties)");
            }
            if (source != null) {
                for (String s : split(source)) {
                    if (!Files.isDirectory(plugin.resolve(s))) {
                        problems.add("build.properties: source." + e + " folder '" + s + "' does not exist");
                    }
                }
            }
        }
        for (String key : bp.stringPropertyNames()) {
            if (key.startsWith("source.") && !entries.contains(key.substring("source.".length()))) {
                problems.add("build.properties: " + key + " is not on the Bundle-ClassPath");
            }
        }
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            String t = p.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private void requireClass(String cls, String what) {
        if (sourceOf(cls) == null) {
            problems.add(what + ": class " + cls + " has no source " + sourcePath(cls));
        }
    }

    private Path sourcePath(String cls) {
        String outer = cls.contains("$") ? cls.substring(0, cls.indexOf('$')) : cls;
        return plugin.resolve("src").resolve(outer.replace('.', '/') + ".java");
    }

    /** The source file of a class (nested classes: the outer file, which must declare the nested class). */
    private Path sourceOf(String cls) {
        Path p = sourcePath(cls);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        if (cls.contains("$")) {
            String nested = cls.substring(cls.lastIndexOf('$') + 1);
            if (!Pattern.compile("class\\s+" + Pattern.quote(nested) + "\\b").matcher(read(p)).find()) {
                return null;
            }
        }
        return p;
    }

    private List<String> factoriesInSources() {
        List<String> out = new ArrayList<>();
        Pattern f = Pattern.compile("class\\s+(\\w+)\\s+extends\\s+(NodeFactory|ConfigurableNodeFactory)\\s*<");
        for (Path src : javaSources()) {
            Matcher m = f.matcher(read(src));
            if (m.find() && !read(src).contains("abstract class " + m.group(1))) {
                out.add(className(src));
            }
        }
        return out;
    }

    private List<Path> javaSources() {
        try (Stream<Path> s = Files.walk(plugin.resolve("src"))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list the plugin sources: " + e.getMessage());
            return List.of();
        }
    }

    private String className(Path src) {
        String rel = plugin.resolve("src").relativize(src).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
    }

    private static String simpleName(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private Document parse(Path xml, boolean namespaceAware) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(namespaceAware);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(xml.toFile());
        } catch (Exception e) {
            problems.add(plugin.relativize(xml) + " cannot be parsed: " + e.getMessage());
            return null;
        }
    }

    private static List<Element> extensionChildren(Document doc, String point, String child) {
        List<Element> out = new ArrayList<>();
        NodeList ext = doc.getElementsByTagName("extension");
        for (int i = 0; i < ext.getLength(); i++) {
            Element e = (Element) ext.item(i);
            if (!point.equals(e.getAttribute("point"))) {
                continue;
            }
            NodeList cs = e.getChildNodes();
            for (int j = 0; j < cs.getLength(); j++) {
                Node n = cs.item(j);
                if (n instanceof Element c && c.getTagName().equals(child)) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
