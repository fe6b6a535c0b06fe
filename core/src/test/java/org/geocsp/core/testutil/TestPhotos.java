package org.geocsp.core.testutil;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Writes real photo files for tests: JPEGs encoded by ImageIO with EXIF metadata (GPS position as
 * degrees-minutes-seconds rationals with N/S/E/W references, altitude, capture time with offset,
 * camera make and model) written by Apache Commons Imaging, so the reader under test
 * (metadata-extractor) sees what a camera writes; PNGs; damaged and non-image files.
 */
public final class TestPhotos {

    /** EXIF 2.31 OffsetTimeOriginal (0x9011), which Commons Imaging does not name. */
    private static final TagInfoAscii OFFSET_TIME_ORIGINAL = new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7,
            TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);

    /** Metadata to write; null fields are left out. */
    public record Exif(Double lonDeg, Double latDeg, Double altitudeM, String dateTimeOriginal, String offset,
            String make, String model) {
        public static Exif none() {
            return new Exif(null, null, null, null, null, null, null);
        }

        public static Exif at(double lon, double lat) {
            return new Exif(lon, lat, null, null, null, null, null);
        }
    }

    private TestPhotos() {}

    /** A smooth RGB test pattern that depends on the seed (JPEG-friendly, not constant). */
    public static BufferedImage pattern(int width, int height, int seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / Math.max(1, width - 1) + seed * 37) & 0xFF;
                int g = (y * 255 / Math.max(1, height - 1) + seed * 91) & 0xFF;
                int b = ((x + y) * 4 + seed * 13) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** Writes a JPEG of the image with the given EXIF metadata. */
    public static Path jpeg(Path file, BufferedImage image, Exif exif) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpg", plain)) {
            throw new IOException("no JPEG writer");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        TiffOutputSet set = outputSet(exif);
        if (set.getDirectories().isEmpty()) {
            return Files.write(file, plain.toByteArray());
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), os, set);
        }
        return file;
    }

    /** Writes a PNG (no metadata). */
    public static Path png(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    /** A file named like a JPEG that starts like one and then holds garbage. */
    public static Path corruptJpeg(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] b = new byte[600];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        for (int i = 2; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return Files.write(file, b);
    }

    private static TiffOutputSet outputSet(Exif e) throws IOException {
        TiffOutputSet set = new TiffOutputSet();
        if (e.lonDeg() != null) {
            set.setGpsInDegrees(e.lonDeg(), e.latDeg());
        }
        if (e.altitudeM() != null) {
            TiffOutputDirectory gps = set.getOrCreateGpsDirectory();
            gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF, (byte) (e.altitudeM() < 0 ? 1 : 0));
            gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE, RationalNumber.valueOf(Math.abs(e.altitudeM())));
        }
        if (e.dateTimeOriginal() != null) {
            TiffOutputDirectory exif = set.getOrCreateExifDirectory();
            exif.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, e.dateTimeOriginal());
            if (e.offset() != null) {
                exif.add(OFFSET_TIME_ORIGINAL, e.offset());
            }
        }
        if (e.make() != null || e.model() != null) {
            TiffOutputDirectory root = set.getOrCreateRootDirectory();
            if (e.make() != null) {
                root.add(TiffTagConstants.TIFF_TAG_MAKE, e.make());
            }
            if (e.model() != null) {
                root.add(TiffTagConstants.TIFF_TAG_MODEL, e.model());
            }
        }
        return set;
    }
}
