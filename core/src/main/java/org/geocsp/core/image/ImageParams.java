package org.geocsp.core.image;

import java.util.List;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.Problems;

/**
 * The declarations of the image-embedding sizes shared by {@code geocsp embed-images} and the Image
 * Embedder node: the one place of their defaults, ranges, labels, settings keys and option names.
 * {@link ImagePreprocessor} and {@link ImageEmbedder} check their arguments against them.
 */
public final class ImageParams {

    public static final Param SIZE = Param.integer("size", "Image size", "--size",
            "Input size of the backbone: the short side is resized to it, then centre-cropped to size x size.", 224,
            ImagePreprocessor.MIN_SIZE, ImagePreprocessor.MAX_SIZE);
    public static final Param BATCH_SIZE = Param.integer("batch_size", "Batch size", "--batch-size",
            "Images per forward pass.", 32, 1, ImageEmbedder.MAX_BATCH);

    /** The declarations in help order. */
    public static final List<Param> ALL = List.of(SIZE, BATCH_SIZE);

    /** @throws org.geocsp.core.settings.InvalidSettingsException naming the setting */
    static void check(Param p, int value) {
        new Problems().check(p, value).throwIfAny();
    }

    private ImageParams() {
    }
}
