package org.geocsp.knime.node.imagereader;

import java.util.List;
import org.geocsp.knime.config.GeotaggedImageReaderConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.util.SettingsNodeFactory;

/** Factory of the Geotagged Image Reader node. */
public final class GeotaggedImageReaderNodeFactory extends SettingsNodeFactory<GeotaggedImageReaderNodeModel> {

    @Override
    public GeotaggedImageReaderNodeModel createNodeModel() {
        return new GeotaggedImageReaderNodeModel();
    }

    @Override
    protected List<Setting> settings() {
        return GeotaggedImageReaderConfig.SETTINGS;
    }
}
