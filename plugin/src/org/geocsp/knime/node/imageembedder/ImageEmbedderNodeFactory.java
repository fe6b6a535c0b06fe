package org.geocsp.knime.node.imageembedder;

import java.util.List;
import org.geocsp.knime.config.ImageEmbedderConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.util.SettingsNodeFactory;

/** Factory of the Image Embedder node. */
public final class ImageEmbedderNodeFactory extends SettingsNodeFactory<ImageEmbedderNodeModel> {

    @Override
    public ImageEmbedderNodeModel createNodeModel() {
        return new ImageEmbedderNodeModel();
    }

    @Override
    protected List<Setting> settings() {
        return ImageEmbedderConfig.SETTINGS;
    }
}
