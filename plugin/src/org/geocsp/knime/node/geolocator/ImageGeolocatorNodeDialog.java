package org.geocsp.knime.node.geolocator;

import org.geocsp.knime.config.ImageGeolocatorConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Image Geolocator node: every setting of {@link ImageGeolocatorConfig}. */
final class ImageGeolocatorNodeDialog extends SettingsDialog {

    ImageGeolocatorNodeDialog() {
        super(ImageGeolocatorConfig.SETTINGS);
    }
}
