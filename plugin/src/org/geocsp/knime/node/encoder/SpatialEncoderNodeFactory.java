package org.geocsp.knime.node.encoder;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Spatial Encoder node. */
public final class SpatialEncoderNodeFactory extends NodeFactory<SpatialEncoderNodeModel> {

    @Override
    public SpatialEncoderNodeModel createNodeModel() {
        return new SpatialEncoderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SpatialEncoderNodeModel> createNodeView(final int viewIndex,
        final SpatialEncoderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SpatialEncoderNodeDialog();
    }
}
