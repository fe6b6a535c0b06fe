package org.geocsp.knime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The node code keeps its one home for each piece of ceremony: the factory bases build every dialog,
 * the node model base sets DJL's context class loader, and the training skeleton reads the input
 * table inside the handling that turns bad input into a node message.
 */
class PluginStructureTest {

    private static final Path SRC = PluginChecker.pluginDir().resolve("src/org/geocsp/knime");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(SRC)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theContextClassLoaderIsSetInOnePlace() throws IOException {
        List<String> users = sources().stream().filter(p -> {
            try {
                String code = Files.readString(p);
                return code.contains("ContextClassLoader(");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).map(p -> SRC.relativize(p).toString()).toList();
        assertEquals(List.of("util/ConfigNodeModel.java"), users);
    }

    @Test
    void factoriesDeriveFromTheSettingsFactoriesAndNoNodeHasItsOwnDialogClass() throws IOException {
        int factories = 0;
        for (Path p : sources()) {
            String name = p.getFileName().toString();
            if (!SRC.relativize(p).startsWith("node")) {
                continue;
            }
            assertTrue(!name.endsWith("NodeDialog.java"), "dialogs come from the settings list: " + p);
            if (name.endsWith("NodeFactory.java")) {
                factories++;
                String code = Files.readString(p);
                assertTrue(code.contains("extends SettingsNodeFactory<")
                        || code.contains("extends ConfigurableSettingsNodeFactory<"), p.toString());
            }
        }
        assertEquals(org.geocsp.knime.config.NodeCatalog.NODES.size(), factories, "one factory per catalogued node");
    }

    @Test
    void theTrainingSkeletonReadsTheTableInsideItsErrorHandling() throws IOException {
        String code = Files.readString(SRC.resolve("util/TrainingNodeModel.java"));
        int execute = code.indexOf("executeNode(");
        int tryStart = code.indexOf("try {\n            Input input = read(", execute);
        int catchInput = code.indexOf("catch (InvalidInputException e) {\n            throw Problems.invalidSettings(e);",
                tryStart);
        assertTrue(execute > 0 && tryStart > execute && catchInput > tryStart,
                "read(...) of the input table runs inside the try that turns InvalidInputException into a node message");
        for (String model : List.of("node/pretrainer/ContrastivePretrainerNodeModel.java",
                "node/finetuner/FineTunerNodeModel.java")) {
            String m = Files.readString(SRC.resolve(model));
            assertTrue(m.contains("extends TrainingNodeModel<"), model);
            assertTrue(!m.contains("executeNode(") && !m.contains(" execute("), model + " has no execute of its own");
        }
    }
}
