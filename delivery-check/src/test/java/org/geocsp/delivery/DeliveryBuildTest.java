package org.geocsp.delivery;

import static org.geocsp.delivery.Trees.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the knime profile builds is consistent; seeded broken copies are caught. */
class DeliveryBuildTest {

    static Path root;
    static List<BuildChecker.Bundle> bundles;

    @BeforeAll
    static void setUp() {
        root = Trees.root();
        bundles = List.of(bundle("geocsp-djl", "geocsp.bundle.djl"), bundle("geocsp-core", "geocsp.bundle.core"),
                bundle("geocsp-djl-natives-linux-x86_64", "geocsp.bundle.natives.linux"));
    }

    private static BuildChecker.Bundle bundle(String artifact, String property) {
        String p = System.getProperty(property);
        assertTrue(p != null && !p.startsWith("${"), "system property " + property + " (set by the pom) is missing");
        return new BuildChecker.Bundle(artifact, Path.of(p));
    }

    /** A copy of the files the check reads. */
    private static Path copy(Path tmp) throws Exception {
        Files.copy(root.resolve("pom.xml"), tmp.resolve("pom.xml"));
        for (String d : List.of("feature", "update-site", "target-platform", "plugin/META-INF", "plugin/icons")) {
            Trees.copy(root.resolve(d), tmp.resolve(d));
        }
        for (String f : List.of("plugin/build.properties", "plugin/plugin.xml", "plugin/pom.xml")) {
            Files.copy(root.resolve(f), tmp.resolve(f));
        }
        Files.createDirectories(tmp.resolve("plugin/src"));
        Files.createDirectories(tmp.resolve("natives"));
        Files.copy(root.resolve("natives/pom.xml"), tmp.resolve("natives/pom.xml"));
        for (String m : List.of("linux-x86_64", "osx-aarch64", "win-x86_64")) {
            Files.createDirectories(tmp.resolve("natives").resolve(m));
            Files.copy(root.resolve("natives").resolve(m).resolve("pom.xml"), tmp.resolve("natives").resolve(m).resolve("pom.xml"));
        }
        return tmp;
    }

    private static List<String> check(Path tree) {
        return new BuildChecker(tree, bundles).check();
    }

    @Test
    void theKnimeBuildIsConsistent() {
        assertEquals(List.of(), check(root));
    }

    @Test
    void theCopyUsedBySeedsIsConsistent(@TempDir Path tmp) throws Exception {
        assertEquals(List.of(), check(copy(tmp)));
    }

    @Test
    void aFragmentWithoutItsPlatformFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("feature/feature.xml"), "os=\"win32\"", "");
        assertProblem(check(t), "org.geocsp.djl.natives.win32.x86_64", "os/ws/arch /win32/x86_64");
    }

    @Test
    void anUnknownPluginInTheFeatureFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("feature/feature.xml"), "id=\"org.geocsp.core\"", "id=\"org.geocsp.kernel\"");
        List<String> p = check(t);
        assertProblem(p, "plugin org.geocsp.kernel is no bundle of this build");
        assertProblem(p, "bundle org.geocsp.core is missing");
    }

    @Test
    void aNativeFragmentTwiceOrMissingFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("feature/feature.xml"), "id=\"org.geocsp.djl.natives.macosx.aarch64\"",
                "id=\"org.geocsp.djl.natives.linux.x86_64\"");
        List<String> p = check(t);
        assertProblem(p, "org.geocsp.djl.natives.linux.x86_64 is listed 2 times");
        assertProblem(p, "native fragment org.geocsp.djl.natives.macosx.aarch64 (natives/) is missing");
    }

    @Test
    void anUnpackedPluginFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("feature/feature.xml"), "unpack=\"false\"", "unpack=\"true\"");
        assertProblem(check(t), "must have unpack=\"false\"");
    }

    @Test
    void aCategoryNamingAnotherFeatureFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("update-site/category.xml"), "id=\"org.geocsp.knime.feature\"", "id=\"org.geocsp.feature\"");
        assertProblem(check(t), "category.xml: feature org.geocsp.feature does not exist");
    }

    @Test
    void misalignedVersionsFail(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("plugin/META-INF/MANIFEST.MF"), "Bundle-Version: 0.1.0.qualifier", "Bundle-Version: 0.2.0.qualifier");
        Trees.replace(t.resolve("feature/feature.xml"), "version=\"0.1.0.qualifier\"", "version=\"0.1.0\"");
        List<String> p = check(t);
        assertProblem(p, "Bundle-Version 0.2.0.qualifier", "0.1.0.qualifier");
        assertProblem(p, "feature/feature.xml: version 0.1.0,");
    }

    @Test
    void aPluginPomNotNamedLikeTheBundleFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("plugin/pom.xml"), "<artifactId>org.geocsp.knime</artifactId>", "<artifactId>geocsp-knime</artifactId>");
        assertProblem(check(t), "plugin/pom.xml: artifactId geocsp-knime differs from Bundle-SymbolicName org.geocsp.knime");
    }

    @Test
    void buildPropertiesWithoutIconsFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("plugin/build.properties"), ",\\\n               icons/", "");
        List<String> p = check(t);
        assertProblem(p, "bin.includes lacks icons/");
        assertProblem(p, "icon icons/geocsp.png is not covered by bin.includes");
    }

    @Test
    void aTargetOnAnotherKnimeReleaseFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("target-platform/geocsp-knime-target.target"), "analytics-platform/5.5", "analytics-platform/5.4");
        assertProblem(check(t), "no InstallableUnit location at " + BuildChecker.KNIME_SITE);
    }

    @Test
    void aTychoModuleInTheDefaultBuildOrAMissingEnvironmentFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("pom.xml"), "<module>delivery-check</module>", "<module>delivery-check</module><module>feature</module>");
        Trees.replace(t.resolve("pom.xml"), "<environment><os>win32</os><ws>win32</ws><arch>x86_64</arch></environment>", "");
        List<String> p = check(t);
        assertProblem(p, "module feature is in the default build");
        assertProblem(p, "win32/win32/x86_64, which is not among the Tycho environments");
    }

    @Test
    void aFeatureBundleWithoutPomDependencyFails(@TempDir Path tmp) throws Exception {
        Path t = copy(tmp);
        Trees.replace(t.resolve("update-site/pom.xml"), "<artifactId>geocsp-djl-natives-win-x86_64</artifactId>",
                "<artifactId>geocsp-djl-natives-win-x86</artifactId>");
        assertProblem(check(t), "update-site/pom.xml: no dependency on geocsp-djl-natives-win-x86_64");
    }

    private static Path jar(Path file, Manifest mf, List<String> entries) throws Exception {
        try (OutputStream o = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(o, mf)) {
            for (String e : entries) {
                j.putNextEntry(new JarEntry(e));
                j.write(1);
                j.closeEntry();
            }
        }
        return file;
    }

    private static Manifest manifest(String bsn, String classPath) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", "0.1.0.202601010000");
        a.putValue("Bundle-ClassPath", classPath);
        return m;
    }

    @Test
    void aMissingBundleClassPathEntryFails(@TempDir Path tmp) throws Exception {
        Path j = jar(tmp.resolve("djl.jar"), manifest("org.geocsp.djl", ".,lib/api-0.36.0.jar,lib/gone.jar"),
                List.of("lib/api-0.36.0.jar"));
        List<BuildChecker.Bundle> b = new ArrayList<>(bundles);
        b.set(0, new BuildChecker.Bundle("geocsp-djl", j));
        List<String> p = new BuildChecker(root, b).check();
        assertProblem(p, "org.geocsp.djl: Bundle-ClassPath entry lib/gone.jar is not in djl.jar");
        assertTrue(p.stream().noneMatch(s -> s.contains("lib/api-0.36.0.jar")), p.toString());
    }

    @Test
    void nativesOutsideTheirFragmentFail(@TempDir Path tmp) throws Exception {
        Path j = jar(tmp.resolve("core.jar"), manifest("org.geocsp.core", "."),
                List.of("native/lib/pytorch.properties", "pytorch/cpu/linux-x86_64/libtorch_cpu.so"));
        List<BuildChecker.Bundle> b = new ArrayList<>(bundles);
        b.set(1, new BuildChecker.Bundle("geocsp-core", j));
        assertProblem(new BuildChecker(root, b).check(), "org.geocsp.core: holds PyTorch native files",
                "native/lib/pytorch.properties");
    }

    @Test
    void versionRanges() {
        assertTrue(BuildChecker.inRange("0.1.0.202601010000", "[0.1.0,0.2.0)"));
        assertTrue(!BuildChecker.inRange("0.2.0.v1", "[0.1.0,0.2.0)"));
        assertTrue(BuildChecker.inRange("5.5.3", "5.5.0"));
        assertTrue(!BuildChecker.inRange("5.4.9", "[5.5.0,6.0.0)"));
        assertEquals("[5.5.0,6.0.0)", BuildChecker.versionRange(BuildChecker.clauses(
                "org.knime.core;bundle-version=\"[5.5.0,6.0.0)\", org.eclipse.ui").get("org.knime.core")));
    }
}
