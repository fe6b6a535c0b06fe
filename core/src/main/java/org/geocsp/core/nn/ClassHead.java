package org.geocsp.core.nn;

/**
 * The class head T of CSP ({@code class_emb = Linear(d, C, bias=False)}): location embedding
 * (B, d) to class logits (B, C); P(class | location) = sigmoid(logits). PyTorch default init.
 */
public final class ClassHead extends LinearHead {

    public ClassHead(int embeddingDim, int numClasses) {
        super("class_emb", embeddingDim, checkClasses(numClasses), false);
    }

    private static int checkClasses(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("a class head needs at least one class, got " + numClasses);
        }
        return numClasses;
    }
}
