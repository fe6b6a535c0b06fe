package org.geocsp.knime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real plugin passes the structure checks; seeded broken copies fail them with a precise message. */
class PluginConsistencyTest {

    private static final Path PLUGIN = PluginChecker.pluginDir();
    private static final Path SCHEMAS = PluginChecker.schemaDir();

    @TempDir
    Path tmp;

    @Test
    void realPluginHasNoProblem() {
        PluginChecker.Report r = PluginChecker.check(PLUGIN, SCHEMAS);
        r.notes().forEach(n -> System.out.println("NOTE: " + n));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void schemasAreFound() {
        // CI and developers have shared/ beside the clone; without it the validation is skipped with a note
        assumeTrue(SCHEMAS != null, "shared/knime-schemas not found: schema validation is skipped");
        assertTrue(Files.isRegularFile(SCHEMAS.resolve("Node_v4.1.xsd")));
    }

    private Path copy() throws IOException {
        Path dst = tmp.resolve("plugin");
        try (Stream<Path> s = Files.walk(PLUGIN)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(PLUGIN.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    private static List<String> problems(Path plugin) {
        return PluginChecker.check(plugin, SCHEMAS).problems();
    }

    private static void assertProblem(List<String> problems, String... fragments) {
        boolean found = problems.stream().anyMatch(p -> {
            for (String f : fragments) {
                if (!p.contains(f)) {
                    return false;
                }
            }
            return true;
        });
        assertTrue(found, "expected a problem containing " + List.of(fragments) + ", got " + problems);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " does not contain " + from);
        Files.writeString(file, s.replace(from, to));
    }

    private static Path node(Path plugin, String pkg, String file) {
        return plugin.resolve("src/org/geocsp/knime/node").resolve(pkg).resolve(file);
    }

    @Test
    void missingFactorySourceIsFound() throws IOException {
        Path p = copy();
        Files.delete(node(p, "encoder", "SpatialEncoderNodeFactory.java"));
        assertProblem(problems(p), "org.geocsp.knime.node.encoder.SpatialEncoderNodeFactory", "has no source");
    }

    @Test
    void missingDescriptionIsFound() throws IOException {
        Path p = copy();
        Files.delete(node(p, "finetuner", "FineTunerNodeFactory.xml"));
        assertProblem(problems(p), "FineTunerNodeFactory", "has no node description");
    }

    @Test
    void renamedOptionInDescriptionIsFound() throws IOException {
        Path p = copy();
        replace(node(p, "pretrainer", "ContrastivePretrainerNodeFactory.xml"), "<option name=\"Epochs\">",
            "<option name=\"Epoch count\">");
        List<String> pr = problems(p);
        assertProblem(pr, "does not document setting 'Epochs'");
        assertProblem(pr, "documents option 'Epoch count'");
    }

    @Test
    void defaultOrLabelDifferentFromCoreInDescriptionIsFound() throws IOException {
        Path p = copy();
        Path xml = node(p, "pretrainer", "ContrastivePretrainerNodeFactory.xml");
        replace(xml, "Default: <tt>20</tt>.", "Default: <tt>10</tt>.");
        replace(xml, "<option name=\"Random-location temperature (tau_l)\">", "<option name=\"Temperature (tau_L)\">");
        List<String> pr = problems(p);
        assertProblem(pr, "option 'In-batch temperature (tau_b)' does not state its default 'Default: 20.'");
        assertProblem(pr, "does not document setting 'Random-location temperature (tau_l)'");
    }

    @Test
    void schemaViolationIsFound() throws IOException {
        assumeTrue(SCHEMAS != null, "shared/knime-schemas not found");
        Path p = copy();
        replace(node(p, "sampleplaces", "SamplePlacesNodeFactory.xml"), "<ports>", "<colour>red</colour><ports>");
        assertProblem(problems(p), "SamplePlacesNodeFactory.xml", "not valid against Node_v4.1.xsd");
    }

    @Test
    void wrongIconSizeAndMissingIconAreFound() throws IOException {
        Path p = copy();
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB), "png",
            node(p, "encoder", "spatial-encoder.png").toFile());
        Files.delete(p.resolve("icons/geocsp.png"));
        List<String> pr = problems(p);
        assertProblem(pr, "spatial-encoder.png", "must be 16x16, is 32x32");
        assertProblem(pr, "icons/geocsp.png", "is missing");
    }

    @Test
    void unregisteredFactoryAndPortTypeAreFound() throws IOException {
        Path p = copy();
        Path xml = p.resolve("plugin.xml");
        String s = Files.readString(xml);
        s = s.replaceAll("(?s)<node [^>]*FineTunerNodeFactory\"/>", "");
        s = s.replaceAll("(?s)<extension point=\"org.knime.core.PortType\">.*?</extension>", "");
        Files.writeString(xml, s);
        List<String> pr = problems(p);
        assertProblem(pr, "FineTunerNodeFactory", "not registered in plugin.xml");
        assertProblem(pr, "port object org.geocsp.knime.port.GeoModelPortObject is not registered");
        assertProblem(pr, "GeoModelPortObjectSpec", "not the spec of a port type");
    }

    @Test
    void portTypeWithMissingSerializerIsFound() throws IOException {
        Path p = copy();
        replace(p.resolve("plugin.xml"), "GeoModelPortObject$Serializer", "GeoModelPortObject$Writer");
        assertProblem(problems(p), "GeoModelPortObject$Writer", "has no source");
    }

    @Test
    void inconsistentManifestAndBuildPropertiesAreFound() throws IOException {
        Path p = copy();
        replace(p.resolve("META-INF/MANIFEST.MF"), "Bundle-ClassPath: .", "Bundle-ClassPath: .,\n lib/missing.jar");
        replace(p.resolve("build.properties"), "               icons/", "               about.html");
        List<String> pr = problems(p);
        assertProblem(pr, "Bundle-ClassPath entry 'lib/missing.jar' is not in build.properties bin.includes");
        assertProblem(pr, "bin.includes entry 'about.html' does not exist");
        assertProblem(pr, "bin.includes lacks icons/");
    }
}
