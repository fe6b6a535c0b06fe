package org.geocsp.core.predict;

/** Which sources a row's prediction used (CSP: images without a valid location fall back to image-only). */
public enum Rule {
    /** p_img ⊙ p_loc: the row had a valid location and image class probabilities. */
    COMBINED,
    /** p_loc: the row had a valid location but no image class probabilities. */
    LOCATION_ONLY,
    /** p_img: the row had image class probabilities but no valid location. */
    IMAGE_ONLY,
    /** No prediction: the row had neither a valid location nor image class probabilities. */
    NONE
}
