package org.geocsp.core.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPreflightTest {

    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedWhateverThePathSpelling() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "lon,lat\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), in);
        Path hard = Files.createLink(dir.resolve("hard.csv"), in);
        for (Path out : List.of(in, link, hard, dir.resolve(".").resolve("x").resolve("..").resolve("in.csv"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> OutputPreflight.create().input("--input", in).outputFile("--output", out).check(), out.toString());
            assertTrue(e.getMessage().startsWith("--output ") && e.getMessage().contains("--input"), e.getMessage());
        }
        assertDoesNotThrow(() -> OutputPreflight.create().input("--input", in).outputFile("--output",
                dir.resolve("out.csv")).check());
    }

    @Test
    void twoOutputsOnOneFileAreRefused() {
        Path out = dir.resolve("m.geocsp");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputPreflight.create()
                .outputFile("--output", out).outputFile("--loss-curve", out).check());
        assertTrue(e.getMessage().contains("--loss-curve"), e.getMessage());
    }

    @Test
    void directoriesFilesAndUnwritableFoldersAreNamedByOptionAndNothingIsCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        List<Path> before = listing();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputPreflight.create()
                .outputFile("--output", dir).outputFolder("--checkpoint-dir", file)
                .outputFile("--loss-curve", file.resolve("curve.png")).check());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("--output: ") && e.problems().get(0).contains("is a directory"));
        assertTrue(e.problems().get(1).startsWith("--loss-curve: ") && e.problems().get(1).contains("is a file"));
        assertTrue(e.problems().get(2).startsWith("--checkpoint-dir: ") && e.problems().get(2).contains("is a file"));
        assertEquals(before, listing(), "the check must not create or leave anything");
        assertDoesNotThrow(() -> OutputPreflight.create().outputFile("--output", dir.resolve("a/b/c.csv"))
                .outputFolder("--checkpoint-dir", dir.resolve("ck/new")).check());
        assertEquals(before, listing(), "a missing folder is created when written, not by the check");
    }

    @Test
    void aFolderWhereNoFileCanBeCreatedIsRefused() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputPreflight.create().outputFile("--output", Path.of("/proc/out.csv")).check());
        assertTrue(e.getMessage().startsWith("--output: cannot write into the folder /proc"), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp") || e.getMessage().contains(".probe"), e.getMessage());
    }
}
