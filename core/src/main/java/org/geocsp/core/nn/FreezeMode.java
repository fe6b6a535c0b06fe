package org.geocsp.core.nn;

import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/** Which part of a {@link GeoNetwork} is kept fixed during training. */
public enum FreezeMode {
    /** Everything trains (parameters that are fixed by design, such as rff weights, stay fixed). */
    NONE,
    /** The whole location encoder (position encoder and stack) is fixed; heads train. */
    LOCATION_ENCODER,
    /** Only the position encoder's parameters (rbf anchors, rff weights, tile table) are fixed. */
    POSITION_ENCODER;

    /** The name users type: {@code none}, {@code location-encoder}, {@code position-encoder}. */
    public String choiceName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The mode for a name: case, blanks, hyphens and underscores are alike; {@code encoder} means
     * the location encoder and {@code pe} the position encoder.
     *
     * @throws InvalidInputException naming the valid modes
     */
    public static FreezeMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (t) {
            case "none" -> NONE;
            case "encoder", "location-encoder" -> LOCATION_ENCODER;
            case "position-encoder", "pe" -> POSITION_ENCODER;
            default -> throw new InvalidInputException(
                    "freeze '" + text + "' is not valid: use none, location-encoder or position-encoder");
        };
    }
}
