package org.geocsp.knime.node.predictor;

import java.util.Optional;
import org.geocsp.knime.port.GeoModelPortObject;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ConfigurableNodeFactory;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeView;
import org.knime.core.node.context.NodeCreationConfiguration;
import org.knime.core.node.port.image.ImagePortObject;

/** Factory of the Location Predictor node; the map output port is optional (added from the node's menu). */
public final class LocationPredictorNodeFactory extends ConfigurableNodeFactory<LocationPredictorNodeModel> {

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
    protected NodeDialogPane createNodeDialogPane(final NodeCreationConfiguration creationConfig) {
        return new LocationPredictorNodeDialog();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<LocationPredictorNodeModel> createNodeView(final int viewIndex,
        final LocationPredictorNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }
}
