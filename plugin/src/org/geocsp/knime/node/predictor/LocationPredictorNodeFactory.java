package org.geocsp.knime.node.predictor;

import java.util.List;
import java.util.Optional;
import org.geocsp.knime.config.LocationPredictorConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.util.ConfigurableSettingsNodeFactory;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.context.NodeCreationConfiguration;
import org.knime.core.node.port.image.ImagePortObject;

/** Factory of the Location Predictor node; the map output port is optional (added from the node's menu). */
public final class LocationPredictorNodeFactory extends ConfigurableSettingsNodeFactory<LocationPredictorNodeModel> {

    /** Port group of the optional map. */
    static final String MAP_PORT_GROUP = "Map";

    @Override
    protected Optional<PortsConfigurationBuilder> createPortsConfigBuilder() {
        PortsConfigurationBuilder b = new PortsConfigurationBuilder();
        b.addFixedInputPortGroup("Model", GeoModelPortObject.TYPE);
        b.addFixedInputPortGroup("Data", BufferedDataTable.TYPE);
        b.addFixedOutputPortGroup("Predictions", BufferedDataTable.TYPE);
        b.addOptionalOutputPortGroup(MAP_PORT_GROUP, ImagePortObject.TYPE);
        return Optional.of(b);
    }

    @Override
    protected LocationPredictorNodeModel createNodeModel(final NodeCreationConfiguration creationConfig) {
        return new LocationPredictorNodeModel(creationConfig.getPortConfig().orElseThrow());
    }

    @Override
    protected List<Setting> settings() {
        return LocationPredictorConfig.SETTINGS;
    }
}
