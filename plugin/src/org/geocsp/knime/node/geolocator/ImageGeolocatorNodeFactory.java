package org.geocsp.knime.node.geolocator;

import java.util.List;
import java.util.Optional;
import org.geocsp.knime.config.ImageGeolocatorConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.util.ConfigurableSettingsNodeFactory;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.context.NodeCreationConfiguration;

/** Factory of the Image Geolocator node; the gallery input port is optional (added from the node's menu). */
public final class ImageGeolocatorNodeFactory extends ConfigurableSettingsNodeFactory<ImageGeolocatorNodeModel> {

    /** Port group of the optional gallery table. */
    static final String GALLERY_PORT_GROUP = "Gallery";

    @Override
    protected Optional<PortsConfigurationBuilder> createPortsConfigBuilder() {
        PortsConfigurationBuilder b = new PortsConfigurationBuilder();
        b.addFixedInputPortGroup("Model", GeoModelPortObject.TYPE);
        b.addFixedInputPortGroup("Images", BufferedDataTable.TYPE);
        b.addOptionalInputPortGroup(GALLERY_PORT_GROUP, BufferedDataTable.TYPE);
        b.addFixedOutputPortGroup("Geolocations", BufferedDataTable.TYPE);
        return Optional.of(b);
    }

    @Override
    protected ImageGeolocatorNodeModel createNodeModel(final NodeCreationConfiguration creationConfig) {
        return new ImageGeolocatorNodeModel(creationConfig.getPortConfig().orElseThrow());
    }

    @Override
    protected List<Setting> settings() {
        return ImageGeolocatorConfig.SETTINGS;
    }
}
