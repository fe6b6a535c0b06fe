package org.geocsp.knime.node.sampleplaces;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the GeoCSP Sample Places node. */
public final class SamplePlacesNodeFactory extends NodeFactory<SamplePlacesNodeModel> {

    @Override
    public SamplePlacesNodeModel createNodeModel() {
        return new SamplePlacesNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<SamplePlacesNodeModel> createNodeView(final int viewIndex,
        final SamplePlacesNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new SamplePlacesNodeDialog();
    }
}
