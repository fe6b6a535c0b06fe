package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * CSP's {@code l2regress}: MSE(loc_dec(e), f), the mean over B·d_img of the squared difference
 * between the decoded location embeddings and the image features. loc_dec (a Linear d → d_img)
 * belongs to the trainer's network; this loss takes its output. No normalisation.
 */
public final class MseLoss {

    public String name() {
        return Objective.L2REGRESS.referenceName();
    }

    /**
     * @param decoded loc_dec(e), (B, d_img)
     * @param imageFeatures the targets f, (B, d_img)
     */
    public LossTerms compute(NDArray decoded, NDArray imageFeatures) {
        if (!decoded.getShape().equals(imageFeatures.getShape())) {
            throw new IllegalArgumentException("l2regress: decoded embeddings " + decoded.getShape()
                    + " and image features " + imageFeatures.getShape() + " must have the same shape");
        }
        NDArray mse = decoded.sub(imageFeatures).square().mean();
        return new LossTerms(mse, Map.of(LossTerms.MSE, mse));
    }
}
