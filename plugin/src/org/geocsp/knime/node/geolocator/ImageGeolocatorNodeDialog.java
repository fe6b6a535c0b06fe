package org.geocsp.knime.node.geolocator;

import org.geocsp.knime.config.ImageGeolocatorConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Image Geolocator node: every setting of {@link ImageGeolocatorConfig}. */
final class ImageGeolocatorNodeDialog extends SettingsDialog {

    /** @param inputPorts the node's input ports (2, or 3 with the optional gallery table) */
    ImageGeolocatorNodeDialog(final int inputPorts) {
        super(ImageGeolocatorConfig.SETTINGS, inputPorts);
    }
}
