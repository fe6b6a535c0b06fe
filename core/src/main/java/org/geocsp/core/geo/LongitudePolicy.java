package org.geocsp.core.geo;

/**
 * What to do with a longitude outside [-180, 180]. Latitudes outside [-90, 90] are always
 * rejected: there is no meaningful wrap for them.
 */
public enum LongitudePolicy {
    /** Reject the row with an error naming it (default). */
    REJECT,
    /** Wrap into [-180, 180): 190 becomes -170, -540 becomes 180 → -180. */
    WRAP
}
