package org.geocsp.core.nn;

/** Which part of a {@link GeoNetwork} is kept fixed during training. */
public enum FreezeMode {
    /** Everything trains (parameters that are fixed by design, such as rff weights, stay fixed). */
    NONE,
    /** The whole location encoder (position encoder and stack) is fixed; heads train. */
    LOCATION_ENCODER,
    /** Only the position encoder's parameters (rbf anchors, rff weights, tile table) are fixed. */
    POSITION_ENCODER
}
