package org.geocsp.core.nn;

/**
 * The image classifier of CSP's combined prediction, P(class | image) = softmax(A·f + b) on the
 * locked image embedding f (B, d_img). CSP takes this classifier from the image model; GeoCSP
 * can learn it as a linear probe next to the class head during fine-tuning, from the same
 * labelled rows, so that a model predicts from (location, image embedding) alone. Stored as
 * {@code img_cls.weight} (C, d_img) and {@code img_cls.bias} (C); PyTorch default init.
 */
public final class ImageClassifier extends LinearHead {

    public ImageClassifier(int imageDim, int numClasses) {
        super("img_cls", check(imageDim, numClasses), numClasses, true);
    }

    private static int check(int imageDim, int numClasses) {
        if (imageDim < 1 || numClasses < 1) {
            throw new IllegalArgumentException("an image classifier needs a positive width and at least one class, got "
                    + imageDim + " and " + numClasses);
        }
        return imageDim;
    }

    public int imageDim() {
        return linear().inputDim();
    }
}
