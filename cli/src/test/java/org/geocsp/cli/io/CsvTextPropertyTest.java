package org.geocsp.cli.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;

/**
 * Arbitrary CSV text (quotes, separators, byte order marks, bad bytes) through the command line's
 * table reader: it either returns a dataset or throws one {@link InvalidInputException} naming the
 * file, never another exception (no UncheckedIOException, no index out of bounds).
 */
class CsvTextPropertyTest {

    static Path dir;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("csv-property");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(",", "\n", "\r\n", "\"", "\"\"", " ", "lon", "lat",
                "f0", "f1", "label", "LON", "\uFEFF", "1", "-2.5", "NaN", "1e39", "0x1p4", "95", "[1 2]", "a b", ""),
                Arbitraries.strings().ofMaxLength(4));
        Arbitrary<String> body = token.list().ofMaxSize(40).map(l -> String.join("", l));
        return Arbitraries.oneOf(
                body.map(b -> ("lon,lat,label,f0,f1\n" + b).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                body.map(b -> b.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60).map(b -> {
                    byte[] h = "lon,lat\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] out = new byte[h.length + b.length];
                    System.arraycopy(h, 0, out, 0, h.length);
                    System.arraycopy(b, 0, out, h.length, b.length);
                    return out;
                }));
    }

    @Property(tries = 300)
    void readsOrRefusesWithOneMessage(@ForAll("files") byte[] bytes, @ForAll boolean skip) throws IOException {
        Path f = Files.write(dir.resolve("gen.csv"), bytes);
        CsvTableReader reader = new CsvTableReader().labelColumn(null).skipInvalidRows(skip).featureFolder(dir);
        try {
            CsvTableReader.Result r = reader.read(f);
            try (GeoDataset d = r.dataset()) {
                assertTrue(d.size() > 0);
            }
        } catch (InvalidInputException e) {
            assertTrue(e.getMessage().contains("gen.csv"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
