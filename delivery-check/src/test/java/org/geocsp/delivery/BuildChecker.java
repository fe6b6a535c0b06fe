package org.geocsp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks, without Tycho or the internet, what the knime profile builds: the root pom's profile and
 * Tycho configuration, the module poms (packaging, artifactId = bundle or feature id, versions),
 * the target definition, feature.xml (every plugin an existing bundle, fragments once each with
 * os/ws/arch matching their platform filter, nothing unpacked), category.xml, the plugin's
 * manifest and build.properties, and the bnd-built bundles (class path entries present, the PyTorch
 * natives only in their fragments).
 */
final class BuildChecker {

    static final String KNIME_SITE = "https://update.knime.com/analytics-platform/5.5";
    static final List<String> KNIME_MODULES = List.of("target-platform", "plugin", "feature", "update-site");

    /** A built bundle: a jar, or a class folder with META-INF/MANIFEST.MF (reactor builds up to test). */
    record Bundle(String artifactId, Path location) {}

    private final Path root;
    private final List<Bundle> bundles;
    private final List<String> problems = new ArrayList<>();

    BuildChecker(Path root, List<Bundle> bundles) {
        this.root = root;
        this.bundles = bundles;
    }

    List<String> check() {
        try {
            run();
        } catch (Exception e) {
            problems.add("check aborted: " + e);
        }
        return problems;
    }

    private void problem(String p) {
        problems.add(p);
    }

    private void run() throws Exception {
        Element pom = xml(root.resolve("pom.xml"));
        String version = text(pom, "version");
        if (version == null || !version.endsWith("-SNAPSHOT")) {
            problem("pom.xml: version " + version + " is not a -SNAPSHOT version (Tycho maps -SNAPSHOT to .qualifier)");
            return;
        }
        String osgi = version.substring(0, version.length() - "-SNAPSHOT".length());

        // Root pom: default modules and the knime profile.
        List<String> defaults = texts(child(pom, "modules"), "module");
        for (String m : KNIME_MODULES) {
            if (defaults.contains(m)) {
                problem("pom.xml: module " + m + " is in the default build; it needs Tycho and belongs to the knime profile");
            }
        }
        Element profile = profile(pom, "knime");
        if (profile == null) {
            problem("pom.xml: no profile 'knime'");
            return;
        }
        List<String> modules = texts(child(profile, "modules"), "module");
        if (!modules.equals(KNIME_MODULES)) {
            problem("pom.xml profile knime: modules " + modules + ", expected " + KNIME_MODULES);
        }
        Map<String, String> props = properties(profile);
        String tycho = props.get("tycho.version");
        if (tycho == null || !tycho.matches("4\\.0\\.\\d+")) {
            problem("pom.xml profile knime: tycho.version " + tycho + " is not a Tycho 4.0.x");
        }
        Element build = child(profile, "build");
        Element tmp = plugin(child(build, "plugins"), "tycho-maven-plugin");
        if (tmp == null || !"true".equals(text(tmp, "extensions"))) {
            problem("pom.xml profile knime: tycho-maven-plugin with <extensions>true</extensions> is missing");
        }
        Element tpc = plugin(child(build, "plugins"), "target-platform-configuration");
        Set<String> environments = new LinkedHashSet<>();
        String targetArtifact = null;
        if (tpc == null) {
            problem("pom.xml profile knime: target-platform-configuration is missing");
        } else {
            Element conf = child(tpc, "configuration");
            if (!"JavaSE-17".equals(text(conf, "executionEnvironment"))) {
                problem("target-platform-configuration: executionEnvironment is " + text(conf, "executionEnvironment")
                        + ", KNIME 5.5 runs on JavaSE-17");
            }
            if (!"consider".equals(text(conf, "pomDependencies"))) {
                problem("target-platform-configuration: pomDependencies must be 'consider' (the bnd-built bundles come"
                        + " from Maven)");
            }
            Element art = child(child(conf, "target"), "artifact");
            targetArtifact = art == null ? null : text(art, "artifactId");
            for (Element env : elements(child(conf, "environments"), "environment")) {
                environments.add(text(env, "os") + "/" + text(env, "ws") + "/" + text(env, "arch"));
            }
        }

        // Target platform module and file.
        Element tpPom = modulePom("target-platform", "eclipse-target-definition", version);
        if (tpPom != null) {
            String id = text(tpPom, "artifactId");
            if (targetArtifact != null && !targetArtifact.equals(id)) {
                problem("target-platform-configuration names target artifact " + targetArtifact + ", the module is " + id);
            }
            checkTarget(root.resolve("target-platform").resolve(id + ".target"));
        }

        // Plugin: manifest, pom, build.properties.
        Path pluginDir = root.resolve("plugin");
        Manifest mf = manifest(pluginDir.resolve("META-INF/MANIFEST.MF"));
        String bsn = symbolicName(mf);
        Element pluginPom = modulePom("plugin", "eclipse-plugin", version);
        if (pluginPom != null && !text(pluginPom, "artifactId").equals(bsn)) {
            problem("plugin/pom.xml: artifactId " + text(pluginPom, "artifactId") + " differs from Bundle-SymbolicName "
                    + bsn + " (Tycho requires them equal)");
        }
        String bv = mf.getMainAttributes().getValue("Bundle-Version");
        if (!(osgi + ".qualifier").equals(bv)) {
            problem("plugin/META-INF/MANIFEST.MF: Bundle-Version " + bv + ", expected " + osgi
                    + ".qualifier to match the pom version " + version);
        }
        if (!"JavaSE-17".equals(mf.getMainAttributes().getValue("Bundle-RequiredExecutionEnvironment"))) {
            problem("plugin/META-INF/MANIFEST.MF: Bundle-RequiredExecutionEnvironment is not JavaSE-17");
        }
        Map<String, String> required = clauses(mf.getMainAttributes().getValue("Require-Bundle"));
        String knimeCore = versionRange(required.get("org.knime.core"));
        if (knimeCore == null || !knimeCore.startsWith("[5.5")) {
            problem("plugin/META-INF/MANIFEST.MF: Require-Bundle org.knime.core range " + knimeCore
                    + " does not start at KNIME 5.5");
        }
        checkBuildProperties(pluginDir);

        // Built bundles: manifests, class path entries, versions, natives.
        Map<String, String> artifactToBsn = new HashMap<>();
        Map<String, Manifest> builtByBsn = new LinkedHashMap<>();
        for (Bundle b : bundles) {
            Manifest m = bundleManifest(b.location());
            if (m == null) {
                problem(b.artifactId() + ": no META-INF/MANIFEST.MF in " + b.location() + " (build it first)");
                continue;
            }
            String name = symbolicName(m);
            artifactToBsn.put(b.artifactId(), name);
            builtByBsn.put(name, m);
            String v = m.getMainAttributes().getValue("Bundle-Version");
            if (v == null || !v.startsWith(osgi + ".")) {
                problem(name + ": Bundle-Version " + v + " does not match " + osgi + " (pom " + version + ")");
            }
            for (String entry : clauses(m.getMainAttributes().getValue("Bundle-ClassPath")).keySet()) {
                if (!entry.equals(".") && !exists(b.location(), entry)) {
                    problem(name + ": Bundle-ClassPath entry " + entry + " is not in " + b.location().getFileName());
                }
            }
            checkNatives(name, m, b.location());
            String rb = versionRange(required.get(name));
            if (required.containsKey(name) && !inRange(v, rb)) {
                problem("plugin/META-INF/MANIFEST.MF: Require-Bundle " + name + " " + rb + " excludes the built " + v);
            }
            String host = m.getMainAttributes().getValue("Fragment-Host");
            if (host != null) {
                Map<String, String> h = clauses(host);
                String hostBsn = h.keySet().iterator().next();
                Manifest hm = builtByBsn.get(hostBsn);
                if (hm != null && !inRange(hm.getMainAttributes().getValue("Bundle-Version"),
                        versionRange(h.get(hostBsn)))) {
                    problem(name + ": Fragment-Host " + host + " excludes the built host version");
                }
            }
        }
        for (String req : List.of("org.geocsp.core", "org.geocsp.djl")) {
            if (!required.containsKey(req)) {
                problem("plugin/META-INF/MANIFEST.MF: Require-Bundle lacks " + req);
            }
        }

        // Native fragments: every module of natives/ (default and profiles) with its platform.
        Map<String, String[]> natives = nativeModules(artifactToBsn);

        // Feature.
        Element featurePom = modulePom("feature", "eclipse-feature", version);
        Element feature = xml(root.resolve("feature/feature.xml"));
        String featureId = feature.getAttribute("id");
        if (featurePom != null && !text(featurePom, "artifactId").equals(featureId)) {
            problem("feature/pom.xml: artifactId " + text(featurePom, "artifactId") + " differs from the feature id "
                    + featureId);
        }
        if (!(osgi + ".qualifier").equals(feature.getAttribute("version"))) {
            problem("feature/feature.xml: version " + feature.getAttribute("version") + ", expected " + osgi + ".qualifier");
        }
        if (!buildPropertiesIncludes(root.resolve("feature/build.properties")).contains("feature.xml")) {
            problem("feature/build.properties: bin.includes lacks feature.xml");
        }
        Set<String> known = new LinkedHashSet<>();
        known.add(bsn);
        known.addAll(builtByBsn.keySet());
        known.addAll(natives.keySet());
        Map<String, Integer> seen = new HashMap<>();
        for (Element p : elements(feature, "plugin")) {
            String id = p.getAttribute("id");
            seen.merge(id, 1, Integer::sum);
            if (!known.contains(id)) {
                problem("feature/feature.xml: plugin " + id + " is no bundle of this build (known: " + known + ")");
            }
            if (!"false".equals(p.getAttribute("unpack"))) {
                problem("feature/feature.xml: plugin " + id + " must have unpack=\"false\"");
            }
            String[] platform = natives.get(id);
            String os = p.getAttribute("os");
            String ws = p.getAttribute("ws");
            String arch = p.getAttribute("arch");
            if (platform == null) {
                if (!os.isEmpty() || !arch.isEmpty() || "true".equals(p.getAttribute("fragment"))) {
                    problem("feature/feature.xml: plugin " + id + " is no native fragment but has os/arch/fragment");
                }
                continue;
            }
            if (!"true".equals(p.getAttribute("fragment"))) {
                problem("feature/feature.xml: native fragment " + id + " lacks fragment=\"true\"");
            }
            if (!platform[0].equals(os) || !platform[1].equals(arch) || !wsOf(os).equals(ws)) {
                problem("feature/feature.xml: native fragment " + id + " has os/ws/arch " + os + "/" + ws + "/" + arch
                        + ", its platform filter says " + platform[0] + "/" + wsOf(platform[0]) + "/" + platform[1]);
            }
            if (!environments.contains(os + "/" + ws + "/" + arch)) {
                problem("feature/feature.xml: native fragment " + id + " is for " + os + "/" + ws + "/" + arch
                        + ", which is not among the Tycho environments " + environments);
            }
        }
        for (Map.Entry<String, Integer> s : seen.entrySet()) {
            if (s.getValue() > 1) {
                problem("feature/feature.xml: plugin " + s.getKey() + " is listed " + s.getValue() + " times");
            }
        }
        for (String n : natives.keySet()) {
            if (!seen.containsKey(n)) {
                problem("feature/feature.xml: native fragment " + n + " (natives/) is missing");
            }
        }
        for (String b : List.of(bsn, "org.geocsp.core", "org.geocsp.djl")) {
            if (!seen.containsKey(b)) {
                problem("feature/feature.xml: bundle " + b + " is missing");
            }
        }
        // The bnd-built bundles enter Tycho's target platform as pom dependencies of feature and update site.
        Map<String, String> bsnToArtifact = new HashMap<>();
        artifactToBsn.forEach((a, b) -> bsnToArtifact.put(b, a));
        natives.forEach((b, p) -> bsnToArtifact.put(b, p[2]));
        for (String module : List.of("feature", "update-site")) {
            Element mp = xml(root.resolve(module).resolve("pom.xml"));
            Set<String> deps = new LinkedHashSet<>();
            for (Element d : elements(child(mp, "dependencies"), "dependency")) {
                deps.add(text(d, "artifactId"));
            }
            for (String id : seen.keySet()) {
                String a = bsnToArtifact.get(id);
                if (a != null && !deps.contains(a)) {
                    problem(module + "/pom.xml: no dependency on " + a + ", so Tycho cannot find bundle " + id);
                }
            }
        }

        // Update site.
        Element sitePom = modulePom("update-site", "eclipse-repository", version);
        if (sitePom != null) {
            Element repo = plugin(child(child(sitePom, "build"), "plugins"), "tycho-p2-repository-plugin");
            if (repo != null && "true".equals(text(child(repo, "configuration"), "includeAllDependencies"))) {
                problem("update-site/pom.xml: includeAllDependencies=true would copy KNIME itself into the site");
            }
        }
        Element site = xml(root.resolve("update-site/category.xml"));
        Set<String> categories = new LinkedHashSet<>();
        for (Element c : elements(site, "category-def")) {
            categories.add(c.getAttribute("name"));
        }
        List<Element> siteFeatures = elements(site, "feature");
        if (siteFeatures.isEmpty()) {
            problem("update-site/category.xml: no feature");
        }
        for (Element f : siteFeatures) {
            if (!f.getAttribute("id").equals(featureId)) {
                problem("update-site/category.xml: feature " + f.getAttribute("id") + " does not exist (feature/ is "
                        + featureId + ")");
            }
            for (Element c : elements(f, "category")) {
                if (!categories.contains(c.getAttribute("name"))) {
                    problem("update-site/category.xml: category " + c.getAttribute("name") + " has no category-def");
                }
            }
        }
    }

    private static String wsOf(String os) {
        return switch (os) {
            case "linux" -> "gtk";
            case "win32" -> "win32";
            case "macosx" -> "cocoa";
            default -> "?";
        };
    }

    private Element modulePom(String module, String packaging, String version) throws Exception {
        Path p = root.resolve(module).resolve("pom.xml");
        if (!Files.isRegularFile(p)) {
            problem(module + "/pom.xml is missing");
            return null;
        }
        Element pom = xml(p);
        if (!packaging.equals(text(pom, "packaging"))) {
            problem(module + "/pom.xml: packaging " + text(pom, "packaging") + ", expected " + packaging);
        }
        Element parent = child(pom, "parent");
        String v = text(pom, "version") != null ? text(pom, "version") : parent == null ? null : text(parent, "version");
        if (!version.equals(v)) {
            problem(module + "/pom.xml: version " + v + ", expected " + version);
        }
        return pom;
    }

    private void checkTarget(Path target) throws Exception {
        if (!Files.isRegularFile(target)) {
            problem("target definition " + root.relativize(target) + " is missing (Tycho wants <artifactId>.target)");
            return;
        }
        Element t = xml(target);
        boolean site = false;
        for (Element loc : elements(t, "location")) {
            if (!"InstallableUnit".equals(loc.getAttribute("type"))) {
                continue;
            }
            for (Element r : elements(loc, "repository")) {
                String url = r.getAttribute("location").replaceAll("/+$", "");
                if (url.equals(KNIME_SITE)) {
                    site = true;
                    List<Element> units = elements(loc, "unit");
                    if (units.stream().noneMatch(u -> u.getAttribute("id").equals("org.knime.features.core.feature.group"))) {
                        problem("target definition: the KNIME location lacks org.knime.features.core.feature.group");
                    }
                }
            }
        }
        if (!site) {
            problem("target definition: no InstallableUnit location at " + KNIME_SITE);
        }
        Element jre = elements(t, "targetJRE").stream().findFirst().orElse(null);
        if (jre == null || !jre.getAttribute("path").endsWith("JavaSE-17")) {
            problem("target definition: targetJRE is not JavaSE-17");
        }
    }

    private void checkBuildProperties(Path pluginDir) throws IOException {
        Path bp = pluginDir.resolve("build.properties");
        Set<String> includes = buildPropertiesIncludes(bp);
        for (String needed : List.of("META-INF/", ".", "plugin.xml")) {
            if (!includes.contains(needed)) {
                problem("plugin/build.properties: bin.includes lacks " + needed);
            }
        }
        if (Files.isDirectory(pluginDir.resolve("icons")) && !includes.contains("icons/")) {
            problem("plugin/build.properties: bin.includes lacks icons/");
        }
        for (String i : includes) {
            if (!i.equals(".") && !Files.exists(pluginDir.resolve(i))) {
                problem("plugin/build.properties: bin.includes entry " + i + " does not exist");
            }
        }
        Properties p = load(bp);
        String src = p.getProperty("source..");
        if (src == null || !Files.isDirectory(pluginDir.resolve(src.trim()))) {
            problem("plugin/build.properties: source.. " + src + " is no folder");
        }
        // Icons referenced from plugin.xml must be packaged.
        Matcher m = Pattern.compile("icon=\"([^\"]+)\"").matcher(Files.readString(pluginDir.resolve("plugin.xml")));
        while (m.find()) {
            String icon = m.group(1);
            if (includes.stream().noneMatch(i -> i.equals(icon) || i.endsWith("/") && icon.startsWith(i))) {
                problem("plugin/plugin.xml: icon " + icon + " is not covered by bin.includes");
            }
        }
    }

    private static Set<String> buildPropertiesIncludes(Path bp) throws IOException {
        Set<String> s = new LinkedHashSet<>();
        String v = load(bp).getProperty("bin.includes", "");
        for (String i : v.split(",")) {
            if (!i.isBlank()) {
                s.add(i.trim());
            }
        }
        return s;
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(p)) {
            props.load(in);
        }
        return props;
    }

    /**
     * The native fragment modules under natives/ (default modules and those of every profile): bundle
     * symbolic name to {os, arch, artifactId}, from each module's pom properties.
     */
    private Map<String, String[]> nativeModules(Map<String, String> artifactToBsn) throws Exception {
        Map<String, String[]> out = new LinkedHashMap<>();
        Path dir = root.resolve("natives");
        Element parent = xml(dir.resolve("pom.xml"));
        Set<String> modules = new LinkedHashSet<>(texts(child(parent, "modules"), "module"));
        for (Element p : elements(child(parent, "profiles"), "profile")) {
            modules.addAll(texts(child(p, "modules"), "module"));
        }
        Pattern filter = Pattern.compile("\\(&\\(osgi\\.os=([\\w]+)\\)\\(osgi\\.arch=([\\w]+)\\)\\)");
        for (String m : modules) {
            Element pom = xml(dir.resolve(m).resolve("pom.xml"));
            Map<String, String> props = properties(pom);
            String bsn = props.get("native.bsn");
            Matcher f = filter.matcher(props.getOrDefault("native.filter", ""));
            if (bsn == null || !f.matches()) {
                problem("natives/" + m + "/pom.xml: native.bsn or native.filter missing or malformed");
                continue;
            }
            String artifact = text(pom, "artifactId");
            String built = artifactToBsn.get(artifact);
            if (built != null && !built.equals(bsn)) {
                problem("natives/" + m + ": built bundle " + built + " differs from native.bsn " + bsn);
            }
            out.put(bsn, new String[] {f.group(1), f.group(2), artifact});
        }
        return out;
    }

    /** PyTorch's native libraries live in the native fragments only, once each. */
    private void checkNatives(String name, Manifest m, Path location) throws IOException {
        List<String> props = entries(location, "native/lib/pytorch.properties");
        List<String> libs = entries(location, "libtorch");
        boolean fragment = m.getMainAttributes().getValue("Fragment-Host") != null;
        if (fragment) {
            if (props.size() != 1) {
                problem(name + ": holds native/lib/pytorch.properties " + props.size() + " times, expected once");
            }
            if (libs.isEmpty()) {
                problem(name + ": holds no libtorch library");
            }
            if (m.getMainAttributes().getValue("Eclipse-PlatformFilter") == null) {
                problem(name + ": native fragment without Eclipse-PlatformFilter");
            }
        } else if (!props.isEmpty() || !libs.isEmpty() || !entries(location, "pytorch-native").isEmpty()) {
            problem(name + ": holds PyTorch native files " + props + libs
                    + "; they belong in the org.geocsp.djl.natives.* fragments only");
        }
    }

    // --- bundle access (jar or class folder) ---

    private static Manifest bundleManifest(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            Path mf = location.resolve("META-INF/MANIFEST.MF");
            return Files.isRegularFile(mf) ? manifest(mf) : null;
        }
        if (!Files.isRegularFile(location)) {
            return null;
        }
        try (JarFile j = new JarFile(location.toFile())) {
            return j.getManifest();
        }
    }

    private static boolean exists(Path location, String entry) throws IOException {
        if (Files.isDirectory(location)) {
            return Files.exists(location.resolve(entry));
        }
        try (JarFile j = new JarFile(location.toFile())) {
            return j.getEntry(entry) != null || j.getEntry(entry + "/") != null;
        }
    }

    /** Entry paths containing {@code part} (file names for libraries). */
    private static List<String> entries(Path location, String part) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> s = Files.walk(location)) {
                return s.map(p -> location.relativize(p).toString().replace('\\', '/')).filter(p -> p.contains(part))
                        .filter(p -> !p.endsWith("/")).toList();
            }
        }
        try (JarFile j = new JarFile(location.toFile())) {
            return j.stream().filter(e -> !e.isDirectory() && e.getName().contains(part)).map(e -> e.getName()).toList();
        }
    }

    private static Manifest manifest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        }
    }

    private static String symbolicName(Manifest m) {
        String v = m.getMainAttributes().getValue("Bundle-SymbolicName");
        return v == null ? null : v.split(";")[0].trim();
    }

    /** Header clauses: the first part of each comma-separated clause (outside quotes) to its attributes. */
    static Map<String, String> clauses(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        List<String> parts = new ArrayList<>();
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            int semi = t.indexOf(';');
            out.put(semi < 0 ? t : t.substring(0, semi).trim(), semi < 0 ? "" : t.substring(semi + 1));
        }
        return out;
    }

    /** The bundle-version attribute of a clause, or null. */
    static String versionRange(String attributes) {
        if (attributes == null) {
            return null;
        }
        Matcher m = Pattern.compile("bundle-version=\"([^\"]+)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    /** Whether an OSGi version lies in a range ("[a,b)" etc., or a bare minimum); a null range accepts all. */
    static boolean inRange(String version, String range) {
        if (range == null) {
            return true;
        }
        if (version == null) {
            return false;
        }
        String r = range.trim();
        if (!r.startsWith("[") && !r.startsWith("(")) {
            return compare(version, r) >= 0;
        }
        String[] ends = r.substring(1, r.length() - 1).split(",");
        int lo = compare(version, ends[0].trim());
        int hi = compare(version, ends[1].trim());
        return (r.startsWith("[") ? lo >= 0 : lo > 0) && (r.endsWith("]") ? hi <= 0 : hi < 0);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    // --- XML helpers ---

    static Element xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(file.toFile());
        return d.getDocumentElement();
    }

    static Element child(Element e, String name) {
        if (e == null) {
            return null;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }

    static List<String> texts(Element e, String name) {
        List<String> l = new ArrayList<>();
        if (e != null) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && c.getTagName().equals(name)) {
                    l.add(c.getTextContent().trim());
                }
            }
        }
        return l;
    }

    /** Descendants with a tag name. */
    static List<Element> elements(Element e, String name) {
        List<Element> l = new ArrayList<>();
        if (e != null) {
            NodeList nl = e.getElementsByTagName(name);
            for (int i = 0; i < nl.getLength(); i++) {
                l.add((Element) nl.item(i));
            }
        }
        return l;
    }

    private static Element profile(Element pom, String id) {
        for (Element p : elements(child(pom, "profiles"), "profile")) {
            if (id.equals(text(p, "id"))) {
                return p;
            }
        }
        return null;
    }

    private static Element plugin(Element plugins, String artifactId) {
        for (Element p : elements(plugins, "plugin")) {
            if (artifactId.equals(text(p, "artifactId"))) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, String> properties(Element e) {
        Map<String, String> m = new LinkedHashMap<>();
        Element props = child(e, "properties");
        if (props != null) {
            for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c) {
                    m.put(c.getTagName(), c.getTextContent().trim());
                }
            }
        }
        return m;
    }
}
