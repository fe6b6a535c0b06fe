package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: a model file with any byte flipped or cut short either loads exactly the original
 * model (the damage hit bytes that carry no content, e.g. a zip time field) or fails with a
 * {@link ModelFileException} naming the file; never another exception, never a different model.
 */
class DamagedModelFilePropertiesTest {

    private static Path dir;
    private static byte[] original;
    private static Map<String, float[]> originalParameters;
    private static ModelSpec originalSpec;

    @BeforeContainer
    static void saveOne() throws IOException {
        dir = Files.createTempDirectory("geocsp-damaged");
        Path f = dir.resolve("good.geocsp");
        try (GeoModel m = GeoModel.create(ModelFileTest.spec(), 11)) {
            ModelFile.save(m, f);
            originalParameters = ModelFileTest.parameters(m);
            originalSpec = m.spec();
        }
        original = Files.readAllBytes(f);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<Integer> offset() {
        return Arbitraries.integers().between(0, original.length - 1);
    }

    @Property(tries = 150)
    void anyFlippedByteIsDetectedOrHarmless(@ForAll("offset") int at,
            @ForAll("mask") int mask) throws IOException {
        byte[] b = original.clone();
        b[at] ^= (byte) mask;
        check(b, "flip at " + at);
    }

    @Provide
    Arbitrary<Integer> mask() {
        return Arbitraries.integers().between(1, 255);
    }

    @Property(tries = 60)
    void anyTruncationIsDetected(@ForAll("offset") int length) throws IOException {
        check(Arrays.copyOf(original, length), "cut at " + length);
    }

    private static void check(byte[] bytes, String what) throws IOException {
        Path f = dir.resolve("damaged.geocsp");
        Files.write(f, bytes);
        GeoModel m;
        try {
            m = ModelFile.load(f, Device.cpu());
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().contains(f.toString()), what + ": the message must name the file: "
                    + e.getMessage());
            return;
        }
        try (m) {
            assertEquals(originalSpec, m.spec(), what + ": a damaged file loaded a different description");
            Map<String, float[]> p = ModelFileTest.parameters(m);
            assertEquals(originalParameters.keySet(), p.keySet());
            originalParameters.forEach((k, v) -> assertTrue(Arrays.equals(v, p.get(k)),
                    what + ": a damaged file loaded different values of " + k));
        }
    }
}
