package org.geocsp.knime.node.imageembedder;

import org.geocsp.knime.config.ImageEmbedderConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Image Embedder node: every setting of {@link ImageEmbedderConfig}. */
final class ImageEmbedderNodeDialog extends SettingsDialog {

    ImageEmbedderNodeDialog() {
        super(ImageEmbedderConfig.SETTINGS);
    }
}
