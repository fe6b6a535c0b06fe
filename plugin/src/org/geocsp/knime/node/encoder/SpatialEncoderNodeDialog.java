package org.geocsp.knime.node.encoder;

import org.geocsp.knime.config.SpatialEncoderConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Spatial Encoder node: every setting of {@link SpatialEncoderConfig}. */
final class SpatialEncoderNodeDialog extends SettingsDialog {

    SpatialEncoderNodeDialog() {
        super(SpatialEncoderConfig.SETTINGS);
    }
}
