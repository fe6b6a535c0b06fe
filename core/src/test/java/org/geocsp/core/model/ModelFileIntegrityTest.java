package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files are verified on load: damage, NaN parameters and bad descriptions give a clear error naming the file. */
class ModelFileIntegrityTest {

    @TempDir
    Path dir;

    private Path saved(int seed) throws IOException {
        Path f = dir.resolve("m" + seed + ".geocsp");
        try (GeoModel m = GeoModel.create(ModelFileTest.spec(), seed)) {
            ModelFile.save(m, f);
        }
        return f;
    }

    /** Byte offset and length of the stored parameters entry's data in the file. */
    static long[] parameterData(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        byte[] name = ModelFile.PARAMETERS_ENTRY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 30 + name.length < all.length; i++) {
            ByteBuffer b = ByteBuffer.wrap(all, i, 30).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(i) == 0x04034b50 && b.getShort(i + 26) == name.length) {
                String n = new String(all, i + 30, name.length, StandardCharsets.US_ASCII);
                if (n.equals(ModelFile.PARAMETERS_ENTRY)) {
                    int extra = b.getShort(i + 28) & 0xffff;
                    long size = b.getInt(i + 18) & 0xffffffffL;
                    return new long[] {i + 30 + name.length + extra, size};
                }
            }
        }
        throw new AssertionError("no parameters entry in " + f);
    }

    @Test
    void flippedParameterBytesAreRejectedNamingTheFile() throws IOException {
        Path f = saved(3);
        long[] data = parameterData(f);
        byte[] all = Files.readAllBytes(f);
        int at = (int) (data[0] + data[1] - 200); // inside the last tensor's values
        for (int i = 0; i < 64; i++) {
            all[at + i] ^= (byte) 0x5a;
        }
        Files.write(f, all);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f, Device.cpu()));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    /** Rewrites a model file with new parameter bytes and a matching CRC (as a careless tool would). */
    private static void rewrite(Path f, java.util.function.UnaryOperator<byte[]> params, boolean keepHash)
            throws IOException {
        byte[] json;
        byte[] p;
        try (ZipFile z = new ZipFile(f.toFile())) {
            try (InputStream in = z.getInputStream(z.getEntry(ModelFile.SPEC_ENTRY))) {
                json = in.readAllBytes();
            }
            try (InputStream in = z.getInputStream(z.getEntry(ModelFile.PARAMETERS_ENTRY))) {
                p = params.apply(in.readAllBytes());
            }
        }
        if (!keepHash) {
            json = new String(json, StandardCharsets.UTF_8).replaceAll(",\\s*\"" + ModelFile.PARAMETERS_SHA256
                    + "\": \"[0-9a-f]+\"", "").getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(ModelFile.SPEC_ENTRY));
            zip.write(json);
            zip.closeEntry();
            ZipEntry e = new ZipEntry(ModelFile.PARAMETERS_ENTRY);
            e.setMethod(ZipEntry.STORED);
            e.setSize(p.length);
            e.setCompressedSize(p.length);
            CRC32 crc = new CRC32();
            crc.update(p);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(p);
            zip.closeEntry();
        }
        Files.write(f, bytes.toByteArray());
    }

    @Test
    void parametersChangedWithAValidCrcFailTheRecordedSha256() throws IOException {
        Path f = saved(4);
        rewrite(f, p -> {
            p[p.length - 3] ^= 1;
            return p;
        }, true);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f, Device.cpu()));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void nanParametersAreRejectedNamingTheTensor() throws IOException {
        Path f = saved(5);
        // the last 4 bytes are the last float of the last tensor: make it NaN; drop the hash so only the NaN check can catch it
        rewrite(f, p -> {
            ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putFloat(p.length - 4, Float.NaN);
            return p;
        }, false);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f, Device.cpu()));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("parameter tensor '"),
                e.getMessage());
    }

    @Test
    void filesWithoutTheHashStillLoad() throws IOException {
        Path f = saved(6);
        Path g = dir.resolve("copy.geocsp");
        Files.copy(f, g);
        rewrite(g, p -> p, false);
        try (GeoModel a = ModelFile.load(f, Device.cpu()); GeoModel b = ModelFile.load(g, Device.cpu())) {
            ModelFileTest.assertSameParameters(a, b);
        }
    }

    @Test
    void nonNumericFormatVersionNamesTheFieldAndTheFile() throws IOException {
        Path f = dir.resolve("v.geocsp");
        String json = ModelFileTest.spec().toJson().replaceFirst("\"formatVersion\": " + ModelSpec.FORMAT_VERSION, "\"formatVersion\": \"abc\"");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry(ModelFile.SPEC_ENTRY));
            z.write(json.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f, Device.cpu()));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("formatVersion")
                && e.getMessage().contains("'abc'"), e.getMessage());
    }

    @Test
    void aDirectoryIsReportedAsADirectory() throws IOException {
        Path d = Files.createDirectory(dir.resolve("model.geocsp"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(d, Device.cpu()));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertFalse(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void theSameModelGivesByteIdenticalFiles() throws IOException, InterruptedException {
        Path a = saved(9);
        byte[] first = Files.readAllBytes(a);
        Thread.sleep(2100); // zip times have a 2 s resolution: a clock-dependent entry time would now differ
        Path b = dir.resolve("again.geocsp");
        try (GeoModel m = GeoModel.create(ModelFileTest.spec(), 9)) {
            ModelFile.save(m, b);
        }
        assertArrayEquals(first, Files.readAllBytes(b));
        try (ZipFile z = new ZipFile(b.toFile())) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
                assertEquals(ModelFile.ENTRY_TIME, en.nextElement().getTimeLocal());
            }
        }
    }
}
