package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Names, aliases, dimensions and batch behaviour of the registered position encoders. */
class EncoderRegistryTest {

    /** Canonical name → aliases, from the name table of notes/csp-reference.md §1.1. */
    static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("Space2Vec-grid", List.of("gridcell", "grid")),
            Map.entry("Space2Vec-theory", List.of("theory")),
            Map.entry("wrap", List.of("geo_net")),
            Map.entry("wrap_ffn", List.of("geo_net_fft")),
            Map.entry("xyz", List.of()),
            Map.entry("NeRF", List.of("nerf")),
            Map.entry("Sphere2Vec-sphereC", List.of("sphere", "sphereC")),
            Map.entry("Sphere2Vec-sphereC+", List.of("spheregrid", "sphereC+")),
            Map.entry("Sphere2Vec-sphereM", List.of("spheremixscale", "sphereM")),
            Map.entry("Sphere2Vec-sphereM+", List.of("spheregridmixscale", "sphereM+")),
            Map.entry("Sphere2Vec-dfs", List.of("dft", "dfs")));

    /** The registration order these encoders must keep (others may follow). */
    static final List<String> ORDER = List.of("Space2Vec-grid", "Space2Vec-theory", "wrap", "wrap_ffn", "xyz", "NeRF",
            "Sphere2Vec-sphereC", "Sphere2Vec-sphereC+", "Sphere2Vec-sphereM", "Sphere2Vec-sphereM+", "Sphere2Vec-dfs");

    /** Output dimension as a function of S, from the layouts in golden/README.md. */
    static final Map<String, IntUnaryOperator> DIM = Map.ofEntries(
            Map.entry("Space2Vec-grid", s -> 4 * s),
            Map.entry("Space2Vec-theory", s -> 6 * s),
            Map.entry("wrap", s -> 4),
            Map.entry("wrap_ffn", s -> 4),
            Map.entry("xyz", s -> 3),
            Map.entry("NeRF", s -> 6 * s),
            Map.entry("Sphere2Vec-sphereC", s -> 3 * s),
            Map.entry("Sphere2Vec-sphereC+", s -> 6 * s),
            Map.entry("Sphere2Vec-sphereM", s -> 5 * s),
            Map.entry("Sphere2Vec-sphereM+", s -> 8 * s),
            Map.entry("Sphere2Vec-dfs", s -> 4 * s * s + 4 * s));

    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void registrationOrderStartsWithTheseEncoders() {
        assertEquals(ORDER, EncoderRegistry.names().subList(0, ORDER.size()));
    }

    @Test
    void everyNameAndAliasResolvesCaseInsensitively() {
        for (String name : ORDER) {
            List<String> spellings = new ArrayList<>(ALIASES.get(name));
            spellings.add(name);
            for (String s : spellings) {
                for (String v : List.of(s, s.toUpperCase(Locale.ROOT), s.toLowerCase(Locale.ROOT), " " + s + " ")) {
                    assertEquals(name, EncoderRegistry.canonicalName(v), "'" + v + "'");
                }
            }
            assertEquals(ALIASES.get(name), EncoderRegistry.entry(name).aliases(), name + " aliases");
        }
    }

    @Test
    void encoderSpecOfAnAliasCarriesTheCanonicalName() {
        assertEquals("Sphere2Vec-sphereM+", EncoderSpec.of("SphereGridMixScale").name());
        assertEquals("wrap_ffn", EncoderRegistry.create(EncoderSpec.of("geo_net_fft")).spec().name());
        assertEquals("wrap", EncoderRegistry.create(EncoderSpec.of("GEO_NET")).spec().name());
    }

    @Test
    void unknownNameListsTheValidNames() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EncoderRegistry.entry("sphereX"));
        assertTrue(e.getMessage().contains("sphereX"), e.getMessage());
        for (String name : ORDER) {
            assertTrue(e.getMessage().contains(name), "message lacks " + name + ": " + e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> EncoderSpec.of("not-an-encoder"));
        assertThrows(InvalidInputException.class, () -> EncoderRegistry.entry(null));
    }

    @Test
    void outputDimMatchesTheFormula() {
        for (String name : ORDER) {
            for (int s : new int[] {32, 16}) {
                PositionEncoder enc = EncoderRegistry.create(EncoderSpec.of(name).withFrequencyNum(s));
                int expected = DIM.get(name).applyAsInt(s);
                assertEquals(expected, enc.outputDim(), name + " S=" + s);
                try (NDManager m = manager.newSubManager()) {
                    NDArray out = forward(m, enc, m.create(new double[] {12.5, -33.25}).reshape(1, 2));
                    assertEquals(new Shape(1, expected), out.getShape(), name + " S=" + s + " forward shape");
                    assertEquals(new Shape(7, expected), enc.getOutputShapes(new Shape[] {new Shape(7, 2)})[0]);
                }
            }
        }
    }

    @Test
    void batchesOfOneAndManyGiveFiniteBoundedFloat32() {
        double[] one = {-71.06, 42.36};
        double[] many = randomCoords(4096, 7);
        for (String name : ORDER) {
            PositionEncoder enc = EncoderRegistry.create(EncoderSpec.of(name));
            for (double[] coords : List.of(one, many)) {
                int b = coords.length / 2;
                try (NDManager m = manager.newSubManager()) {
                    NDArray out = forward(m, enc, m.create(coords).reshape(b, 2));
                    assertEquals(DataType.FLOAT32, out.getDataType(), name);
                    assertEquals(new Shape(b, enc.outputDim()), out.getShape(), name);
                    assertFalse(out.isNaN().any().getBoolean(), name + " has NaN at batch " + b);
                    assertFalse(out.isInfinite().any().getBoolean(), name + " has infinities at batch " + b);
                    // every feature of these encoders is a sine, cosine or product of them
                    float maxAbs = out.abs().max().getFloat();
                    assertTrue(maxAbs <= 1f, name + " max |feature| " + maxAbs);
                }
            }
        }
    }

    @Test
    void float32AndFloat64InputsGiveTheSameOutput() {
        double[] coords = randomCoords(256, 11);
        for (int i = 0; i < coords.length; i++) {
            coords[i] = (float) coords[i]; // the same numbers in both types
        }
        for (String name : ORDER) {
            PositionEncoder enc = EncoderRegistry.create(EncoderSpec.of(name));
            try (NDManager m = manager.newSubManager()) {
                NDArray in64 = m.create(coords).reshape(coords.length / 2, 2);
                NDArray in32 = in64.toType(DataType.FLOAT32, true);
                assertEquals(DataType.FLOAT64, in64.getDataType());
                assertEquals(DataType.FLOAT32, in32.getDataType());
                float[] from64 = forward(m, enc, in64).toFloatArray();
                float[] from32 = forward(m, enc, in32).toFloatArray();
                assertArrayEquals(from64, from32, name);
            }
        }
    }

    @Test
    void wrapAndWrapFfnShareThePositionEncoding() {
        double[] coords = randomCoords(64, 3);
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(coords).reshape(64, 2);
            float[] wrap = forward(m, EncoderRegistry.create(EncoderSpec.of("wrap")), in).toFloatArray();
            float[] ffn = forward(m, EncoderRegistry.create(EncoderSpec.of("wrap_ffn")), in).toFloatArray();
            assertArrayEquals(wrap, ffn);
        }
    }

    static NDArray forward(NDManager m, PositionEncoder enc, NDArray in) {
        enc.initialize(m, DataType.FLOAT32, in.getShape());
        return enc.forward(new ParameterStore(m, false), new NDList(in), false).head();
    }

    /** Uniform lon/lat pairs over the valid box, with the corners and poles at the start. */
    static double[] randomCoords(int n, long seed) {
        Random r = new Random(seed);
        double[] c = new double[2 * n];
        double[] edges = {-180, -90, 180, 90, 180, -90, -180, 90, 0, 90, 0, -90};
        System.arraycopy(edges, 0, c, 0, Math.min(edges.length, c.length));
        for (int i = edges.length; i < c.length; i += 2) {
            c[i] = r.nextDouble() * 360 - 180;
            c[i + 1] = r.nextDouble() * 180 - 90;
        }
        return c;
    }
}
