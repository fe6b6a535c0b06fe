package org.geocsp.core.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a photo's metadata says about where and when it was taken. Missing values are null.
 *
 * @param path the file
 * @param lonDeg longitude in degrees, east positive (sign from the EXIF reference E/W), or null
 * @param latDeg latitude in degrees, north positive (sign from the EXIF reference N/S), or null
 * @param altitudeM altitude in metres, negative below sea level (EXIF altitude reference 1), or null
 * @param time capture time in ISO-8601: with offset ({@code 2024-05-01T14:03:22+02:00}) when the
 *     photo records one, in UTC ({@code ...Z}) when only the GPS time stamp is known, else local
 *     ({@code 2024-05-01T14:03:22}); or null
 * @param make camera make, or null
 * @param model camera model, or null
 * @param width image width in pixels as stored (before any EXIF orientation), or null
 * @param height image height in pixels as stored, or null
 */
public record PhotoMetadata(Path path, Double lonDeg, Double latDeg, Double altitudeM, String time, String make,
        String model, Integer width, Integer height) {

    public PhotoMetadata {
        Objects.requireNonNull(path, "path");
        if ((lonDeg == null) != (latDeg == null)) {
            throw new IllegalArgumentException("longitude and latitude must both be known or both missing: " + path);
        }
    }

    /** True when the photo carries a GPS position. */
    public boolean hasLocation() {
        return lonDeg != null;
    }
}
