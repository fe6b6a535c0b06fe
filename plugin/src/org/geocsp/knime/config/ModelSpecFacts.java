package org.geocsp.knime.config;

import org.geocsp.core.model.ModelSpec;

/**
 * A model spec as a model port knows it at configure time, with the facts that are decided only at
 * execution marked unknown: the image-embedding width (a vector column without element names), the
 * classes (a label column without a domain) and the image classifier (the Fine-Tuner learns one only
 * when both its width and the classes are known). Downstream nodes defer the checks of unknown facts
 * to execution instead of failing configure.
 */
public record ModelSpecFacts(ModelSpec spec, boolean imageDimKnown, boolean labelsKnown,
        boolean imageClassifierKnown) {

    /** Every fact known (an executed model). */
    public static ModelSpecFacts complete(ModelSpec spec) {
        return new ModelSpecFacts(spec, true, true, true);
    }

    /** The image classifier's width for checks at configure time: 0 for none, -1 when not known yet. */
    public int imageClassifierDimOrUnknown() {
        return imageClassifierKnown ? spec.imageClassifierDim() : -1;
    }
}
