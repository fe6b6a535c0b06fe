package org.geocsp.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads where and when a photo was taken from its EXIF (and, where EXIF has no position, XMP)
 * metadata with metadata-extractor, which handles JPEG, PNG, TIFF (and camera raw formats built on
 * it), HEIF/HEIC, WebP, GIF and BMP. Pixels are not decoded.
 */
public final class PhotoReader {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss", Locale.ROOT);
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}:\\d{2}|Z");
    /** XMP's GPS coordinate: "DDD,MM,SSk" or "DDD,MM.mmk" with k one of N, S, E, W. */
    private static final Pattern XMP_COORD = Pattern.compile(
            "\\s*(\\d+(?:\\.\\d+)?),(\\d+(?:\\.\\d+)?)(?:,(\\d+(?:\\.\\d+)?))?\\s*([NSEWnsew])\\s*");

    private PhotoReader() {}

    /**
     * Reads one file.
     *
     * @throws PhotoReadException when the file is not an image of a known format or is damaged so
     *     that neither its size nor its metadata can be read
     */
    public static PhotoMetadata read(Path file) throws PhotoReadException {
        Metadata md;
        try {
            md = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException e) {
            throw new PhotoReadException(file, "not an image of a known format (" + message(e) + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new PhotoReadException(file, "cannot be read (" + message(e) + ")", e);
        }
        Integer[] size = size(md);
        if (size == null) {
            String error = firstError(md);
            throw new PhotoReadException(file, "damaged or not an image: no image size found"
                    + (error == null ? "" : " (" + error + ")"), null);
        }
        Double lon = null;
        Double lat = null;
        Double alt = null;
        GpsDirectory gps = md.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps != null) {
            GeoLocation g = gps.getGeoLocation();
            if (g != null && !g.isZero() && valid(g.getLongitude(), g.getLatitude())) {
                lon = g.getLongitude();
                lat = g.getLatitude();
            }
            alt = altitude(gps);
        }
        if (lon == null) {
            double[] xmp = xmpLocation(md);
            if (xmp != null) {
                lon = xmp[0];
                lat = xmp[1];
            }
        }
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        return new PhotoMetadata(file, lon, lat, alt, time(md, gps), text(ifd0, ExifDirectoryBase.TAG_MAKE),
                text(ifd0, ExifDirectoryBase.TAG_MODEL), size[0], size[1]);
    }

    private static boolean valid(double lon, double lat) {
        return Double.isFinite(lon) && Double.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
    }

    /** Altitude in metres; EXIF altitude reference 1 means below sea level. */
    private static Double altitude(GpsDirectory gps) {
        Rational r = gps.getRational(GpsDirectory.TAG_ALTITUDE);
        if (r == null || r.getDenominator() == 0) {
            return null;
        }
        double a = r.doubleValue();
        Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
        return ref != null && ref == 1 ? -a : a;
    }

    /**
     * Capture time: DateTimeOriginal with OffsetTimeOriginal when present; else the GPS date and
     * time stamp (UTC); else IFD0's DateTime (with OffsetTime when present).
     */
    private static String time(Metadata md, GpsDirectory gps) {
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        String t = withOffset(text(sub, ExifDirectoryBase.TAG_DATETIME_ORIGINAL),
                text(sub, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL));
        if (t != null) {
            return t;
        }
        if (gps != null) {
            String g = gpsTime(gps);
            if (g != null) {
                return g;
            }
        }
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        String offset = text(sub, ExifDirectoryBase.TAG_TIME_ZONE);
        return withOffset(text(ifd0, ExifDirectoryBase.TAG_DATETIME), offset);
    }

    private static String withOffset(String exifTime, String offset) {
        if (exifTime == null) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(exifTime.trim(), EXIF_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
        if (offset != null && OFFSET.matcher(offset.trim()).matches()) {
            return OffsetDateTime.of(local, ZoneOffset.of(offset.trim())).toString();
        }
        return local.toString();
    }

    private static String gpsTime(GpsDirectory gps) {
        String date = gps.getString(GpsDirectory.TAG_DATE_STAMP);
        Rational[] hms = gps.getRationalArray(GpsDirectory.TAG_TIME_STAMP);
        if (date == null || hms == null || hms.length != 3) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(date.trim(), DateTimeFormatter.ofPattern("yyyy:MM:dd", Locale.ROOT));
            double s = hms[2].doubleValue();
            LocalTime time = LocalTime.of(hms[0].intValue(), hms[1].intValue(), (int) Math.floor(s));
            return OffsetDateTime.of(d, time, ZoneOffset.UTC).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** XMP exif:GPSLongitude / exif:GPSLatitude ("DDD,MM,SSk" or "DDD,MM.mmk"), {lon, lat} or null. */
    private static double[] xmpLocation(Metadata md) {
        for (XmpDirectory x : md.getDirectoriesOfType(XmpDirectory.class)) {
            Map<String, String> v = x.getXmpProperties();
            Double lon = xmpCoordinate(v.get("exif:GPSLongitude"));
            Double lat = xmpCoordinate(v.get("exif:GPSLatitude"));
            if (lon != null && lat != null && valid(lon, lat)) {
                return new double[] {lon, lat};
            }
        }
        return null;
    }

    static Double xmpCoordinate(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = XMP_COORD.matcher(s);
        if (!m.matches()) {
            return null;
        }
        double deg = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) / 60
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) / 3600);
        char ref = Character.toUpperCase(m.group(4).charAt(0));
        return ref == 'S' || ref == 'W' ? -deg : deg;
    }

    /** {width, height} from the first format directory that has them, or null. */
    private static Integer[] size(Metadata md) {
        List<int[]> tags = List.of(new int[] {0, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT},
                new int[] {1, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT},
                new int[] {2, HeifDirectory.TAG_IMAGE_WIDTH, HeifDirectory.TAG_IMAGE_HEIGHT},
                new int[] {3, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT},
                new int[] {4, GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT},
                new int[] {5, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT},
                new int[] {6, ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH, ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT},
                new int[] {7, ExifDirectoryBase.TAG_IMAGE_WIDTH, ExifDirectoryBase.TAG_IMAGE_HEIGHT});
        List<Class<? extends Directory>> types = List.of(JpegDirectory.class, PngDirectory.class, HeifDirectory.class,
                WebpDirectory.class, GifHeaderDirectory.class, BmpHeaderDirectory.class, ExifSubIFDDirectory.class,
                ExifIFD0Directory.class);
        for (int[] t : tags) {
            for (Directory d : md.getDirectoriesOfType(types.get(t[0]))) {
                Integer w = d.getInteger(t[1]);
                Integer h = d.getInteger(t[2]);
                if (w != null && h != null && w > 0 && h > 0) {
                    return new Integer[] {w, h};
                }
            }
        }
        return null;
    }

    private static String firstError(Metadata md) {
        for (Directory d : md.getDirectories()) {
            for (String e : d.getErrors()) {
                return e;
            }
        }
        return null;
    }

    private static String text(Directory d, int tag) {
        if (d == null) {
            return null;
        }
        String s = d.getString(tag);
        if (s == null) {
            return null;
        }
        s = s.replace('\0', ' ').strip();
        return s.isEmpty() ? null : s;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ').strip();
    }
}
