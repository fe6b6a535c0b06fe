package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.geocsp.core.model.Safetensors.DType;
import org.geocsp.core.testutil.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    /** 8-byte little-endian length, header, then data; written out byte by byte. */
    static byte[] handWritten(String header, int... data) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[8 + h.length + data.length];
        long n = h.length;
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (n >>> (8 * i));
        }
        System.arraycopy(h, 0, out, 8, h.length);
        for (int i = 0; i < data.length; i++) {
            out[8 + h.length + i] = (byte) data[i];
        }
        return out;
    }

    // 1.5f = 0x3FC00000, -2f = 0xC0000000, 7L, 0.25 = 0x3FD0000000000000
    static final int[] DATA = {0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0,
        0x07, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0xD0, 0x3F};

    @Test
    void readsAFileWrittenByHand(@TempDir Path dir) throws Exception {
        String header = "{\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"c\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]}}";
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, handWritten(header, DATA));
        try (Safetensors.Reader r = Safetensors.open(f)) {
            assertEquals(Map.of("format", "pt"), r.metadata());
            assertEquals(List.of("b", "a", "c"), r.names());
            assertArrayEquals(new long[] {2, 1}, r.info("a").shape());
            assertEquals(DType.F32, r.info("a").dtype());
            assertArrayEquals(new float[] {1.5f, -2f}, r.floats("a"));
            assertArrayEquals(new long[] {7}, r.longs("b"));
            assertArrayEquals(new double[] {0.25}, r.doubles("c"));
            assertEquals(0, r.info("c").shape().length);
        }
        // the same bytes from memory
        try (Safetensors.Reader r = Safetensors.of(ByteBuffer.wrap(handWritten(header, DATA)))) {
            assertArrayEquals(new float[] {1.5f, -2f}, r.floats("a"));
        }
    }

    @Test
    void writesExactlyTheSpecifiedBytes() throws Exception {
        Safetensors.Writer w = new Safetensors.Writer().metadata("format", "pt");
        w.addFloats("a", new long[] {2, 1}, new float[] {1.5f, -2f});
        w.addLongs("b", new long[] {1}, new long[] {7});
        w.addDoubles("c", new long[] {}, new double[] {0.25});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"c\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]}}";
        // the header is padded with spaces to a multiple of 8 bytes
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        assertArrayEquals(handWritten(padded, DATA), out.toByteArray());
    }

    @Test
    void roundTripWithMetadataAndAllTypes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rt.safetensors");
        float[] big = new float[3 * 1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i) * 1e-3f * i;
        }
        new Safetensors.Writer().metadata("note", "übersicht \"quoted\"").metadata("n", "1")
                .addFloats("w", new long[] {3, 1000}, big)
                .addDoubles("d", new long[] {2}, new double[] {Math.PI, -Double.MIN_VALUE})
                .addLongs("i", new long[] {3}, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE})
                .write(f);
        try (Safetensors.Reader r = Safetensors.open(f)) {
            assertEquals("übersicht \"quoted\"", r.metadata().get("note"));
            assertEquals("1", r.metadata().get("n"));
            assertArrayEquals(big, r.floats("w"));
            assertArrayEquals(new double[] {Math.PI, -Double.MIN_VALUE}, r.doubles("d"));
            assertArrayEquals(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, r.longs("i"));
            assertEquals(3 * 1000 * 4, r.bytes("w").remaining());
        }
        // the data section starts 8-byte aligned
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
    }

    @Test
    void halfPrecisionConversions() throws Exception {
        // F16: 1.0 = 0x3C00, -2.5 = 0xC100, 2^-24 (smallest subnormal) = 0x0001; BF16: 1.0 = 0x3F80
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[6,8]}}";
        byte[] bytes = handWritten(header, 0x00, 0x3C, 0x00, 0xC1, 0x01, 0x00, 0x80, 0x3F);
        try (Safetensors.Reader r = Safetensors.of(ByteBuffer.wrap(bytes))) {
            assertArrayEquals(new float[] {1f, -2.5f, 0x1p-24f}, r.floats("h"));
            assertArrayEquals(new float[] {1f}, r.floats("bf"));
        }
    }

    @Test
    void readsTheGoldenFileWrittenByPython() throws Exception {
        try (Safetensors.Reader r = Safetensors.open(Golden.file("encoder_gridcell.safetensors"))) {
            assertEquals(8, r.names().size());
            assertArrayEquals(new long[] {512, 128}, r.info("loc_enc.spa_enc.ffn.layers.0.linear.weight").shape());
            float[] w = r.floats("img_dec.weight");
            assertEquals(256 * 2048, w.length);
            assertTrue(Arrays.stream(toDouble(w)).allMatch(Double::isFinite));
        }
    }

    @Test
    void malformedFilesAreRejectedWithReasons() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] good = handWritten(header, 0, 0, 0, 0, 0, 0, 0, 0);
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        var e = assertThrows(Safetensors.SafetensorsException.class, () -> Safetensors.of(ByteBuffer.wrap(truncated)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        byte[] wrongSize = handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 0, 0, 0, 0,
                0, 0, 0, 0);
        e = assertThrows(Safetensors.SafetensorsException.class, () -> Safetensors.of(ByteBuffer.wrap(wrongSize)));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("12 bytes"), e.getMessage());

        byte[] gap = handWritten("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 0, 0);
        e = assertThrows(Safetensors.SafetensorsException.class, () -> Safetensors.of(ByteBuffer.wrap(gap)));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("gap"), e.getMessage());

        byte[] dtype = handWritten("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 0);
        e = assertThrows(Safetensors.SafetensorsException.class, () -> Safetensors.of(ByteBuffer.wrap(dtype)));
        assertTrue(e.getMessage().contains("F8_E4M3"), e.getMessage());

        byte[] hugeHeader = Arrays.copyOf(good, good.length);
        hugeHeader[7] = 0x10;
        e = assertThrows(Safetensors.SafetensorsException.class, () -> Safetensors.of(ByteBuffer.wrap(hugeHeader)));
        assertTrue(e.getMessage().contains("header length"), e.getMessage());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
