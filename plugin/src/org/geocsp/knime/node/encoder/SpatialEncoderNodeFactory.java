package org.geocsp.knime.node.encoder;

import java.util.List;
import org.geocsp.knime.config.SpatialEncoderConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.util.SettingsNodeFactory;

/** Factory of the Spatial Encoder node. */
public final class SpatialEncoderNodeFactory extends SettingsNodeFactory<SpatialEncoderNodeModel> {

    @Override
    public SpatialEncoderNodeModel createNodeModel() {
        return new SpatialEncoderNodeModel();
    }

    @Override
    protected List<Setting> settings() {
        return SpatialEncoderConfig.SETTINGS;
    }
}
