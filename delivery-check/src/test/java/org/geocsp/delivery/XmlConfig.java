package org.geocsp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.geocsp.knime.config.ConfigStore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * KNIME's XMLConfig format (namespace {@code http://www.knime.org/2008/09/XMLConfig}), in which
 * {@code workflow.knime} and every node's {@code settings.xml} are written: nested {@code <config key>}
 * elements holding typed {@code <entry key type value [isnull]>} elements. Read, built and written
 * here without KNIME.
 */
final class XmlConfig {

    static final String NAMESPACE = "http://www.knime.org/2008/09/XMLConfig";

    /** One typed value: {@code type} is xstring, xint, xlong, xdouble, xboolean, ... */
    record Entry(String key, String type, String value, boolean isNull) {}

    private final String key;
    private final Map<String, Object> children = new LinkedHashMap<>();

    XmlConfig(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** Entries and sub-configs in file order. */
    Map<String, Object> children() {
        return children;
    }

    XmlConfig config(String k) {
        return children.get(k) instanceof XmlConfig c ? c : null;
    }

    Entry entry(String k) {
        return children.get(k) instanceof Entry e ? e : null;
    }

    /** The value of an entry, or null when absent or a null value. */
    String value(String k) {
        Entry e = entry(k);
        return e == null || e.isNull() ? null : e.value();
    }

    List<XmlConfig> configs() {
        List<XmlConfig> l = new ArrayList<>();
        for (Object o : children.values()) {
            if (o instanceof XmlConfig c) {
                l.add(c);
            }
        }
        return l;
    }

    // --- building ---

    XmlConfig addConfig(String k) {
        XmlConfig c = new XmlConfig(k);
        children.put(k, c);
        return c;
    }

    XmlConfig put(String k, String type, String value) {
        children.put(k, new Entry(k, type, value == null ? "" : value, value == null));
        return this;
    }

    XmlConfig putString(String k, String v) {
        return put(k, "xstring", v);
    }

    XmlConfig putInt(String k, int v) {
        return put(k, "xint", Integer.toString(v));
    }

    XmlConfig putLong(String k, long v) {
        return put(k, "xlong", Long.toString(v));
    }

    XmlConfig putDouble(String k, double v) {
        return put(k, "xdouble", Double.toString(v));
    }

    XmlConfig putBoolean(String k, boolean v) {
        return put(k, "xboolean", Boolean.toString(v));
    }

    /** A write view of this config for the plugin's settings code (reading goes through {@link WorkflowChecker#store}). */
    ConfigStore asStore() {
        XmlConfig self = this;
        return new ConfigStore() {
            @Override
            public boolean containsKey(String k) {
                return children.containsKey(k);
            }

            @Override
            public String getString(String k) {
                throw new UnsupportedOperationException("write-only");
            }

            @Override
            public int getInt(String k) {
                throw new UnsupportedOperationException("write-only");
            }

            @Override
            public long getLong(String k) {
                throw new UnsupportedOperationException("write-only");
            }

            @Override
            public double getDouble(String k) {
                throw new UnsupportedOperationException("write-only");
            }

            @Override
            public boolean getBoolean(String k) {
                throw new UnsupportedOperationException("write-only");
            }

            @Override
            public void putString(String k, String v) {
                self.putString(k, v);
            }

            @Override
            public void putInt(String k, int v) {
                self.putInt(k, v);
            }

            @Override
            public void putLong(String k, long v) {
                self.putLong(k, v);
            }

            @Override
            public void putDouble(String k, double v) {
                self.putDouble(k, v);
            }

            @Override
            public void putBoolean(String k, boolean v) {
                self.putBoolean(k, v);
            }

            @Override
            public ConfigStore addConfig(String k) {
                return self.addConfig(k).asStore();
            }

            @Override
            public ConfigStore getConfig(String k) {
                XmlConfig c = config(k);
                return c == null ? null : c.asStore();
            }
        };
    }

    /** KNIME's array layout: {@code array-size} then entries "0", "1", ... */
    XmlConfig putStringArray(String k, List<String> values) {
        XmlConfig a = addConfig(k);
        a.putInt("array-size", values.size());
        for (int i = 0; i < values.size(); i++) {
            a.putString(Integer.toString(i), values.get(i));
        }
        return this;
    }

    XmlConfig putIntArray(String k, List<Integer> values) {
        XmlConfig a = addConfig(k);
        a.putInt("array-size", values.size());
        for (int i = 0; i < values.size(); i++) {
            a.putInt(Integer.toString(i), values.get(i));
        }
        return this;
    }

    // --- reading and writing ---

    static XmlConfig read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(in);
            Element root = d.getDocumentElement();
            if (!"config".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
                throw new IOException(file + ": not a KNIME XMLConfig file (root element " + root.getTagName() + ")");
            }
            return read(root, file);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static XmlConfig read(Element el, Path file) throws IOException {
        XmlConfig c = new XmlConfig(el.getAttribute("key"));
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String k = child.getAttribute("key");
            if (c.children.containsKey(k)) {
                throw new IOException(file + ": key '" + k + "' twice in config '" + c.key + "'");
            }
            switch (child.getLocalName()) {
                case "config" -> c.children.put(k, read(child, file));
                case "entry" -> c.children.put(k, new Entry(k, child.getAttribute("type"), child.getAttribute("value"),
                        "true".equals(child.getAttribute("isnull"))));
                default -> throw new IOException(file + ": unexpected element <" + child.getLocalName() + ">");
            }
        }
        return c;
    }

    void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<config xmlns=\"").append(NAMESPACE).append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"").append(NAMESPACE)
                .append(" http://www.knime.org/XMLConfig_2008_09.xsd\" key=\"").append(esc(key)).append("\">\n");
        writeChildren(b, 1);
        b.append("</config>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private void writeChildren(StringBuilder b, int depth) {
        String ind = "    ".repeat(depth);
        for (Object o : children.values()) {
            if (o instanceof Entry e) {
                b.append(ind).append("<entry key=\"").append(esc(e.key())).append("\" type=\"").append(e.type()).append('"');
                if (e.isNull()) {
                    b.append(" isnull=\"true\"");
                }
                b.append(" value=\"").append(esc(e.value())).append("\"/>\n");
            } else {
                XmlConfig c = (XmlConfig) o;
                if (c.children.isEmpty()) {
                    b.append(ind).append("<config key=\"").append(esc(c.key)).append("\"/>\n");
                } else {
                    b.append(ind).append("<config key=\"").append(esc(c.key)).append("\">\n");
                    c.writeChildren(b, depth + 1);
                    b.append(ind).append("</config>\n");
                }
            }
        }
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
