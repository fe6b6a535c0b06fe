package org.geocsp.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** The project tree under test and helpers for seeded broken copies. */
final class Trees {

    private Trees() {}

    /** The project root (system property geocsp.root, set by the pom). */
    static Path root() {
        String r = System.getProperty("geocsp.root");
        Path p = Path.of(r == null ? ".." : r).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("pom.xml")), "project root not found: " + p);
        return p;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Replaces the first occurrence of {@code from} in a file; fails if absent, so a seed cannot silently miss. */
    static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " does not contain " + from);
        Files.writeString(file, s.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    /** Asserts that some problem contains every fragment, showing all problems otherwise. */
    static void assertProblem(List<String> problems, String... fragments) {
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
}
