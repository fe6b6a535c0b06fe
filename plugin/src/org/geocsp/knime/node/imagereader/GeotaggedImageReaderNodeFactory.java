package org.geocsp.knime.node.imagereader;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Geotagged Image Reader node. */
public final class GeotaggedImageReaderNodeFactory extends NodeFactory<GeotaggedImageReaderNodeModel> {

    @Override
    public GeotaggedImageReaderNodeModel createNodeModel() {
        return new GeotaggedImageReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<GeotaggedImageReaderNodeModel> createNodeView(final int viewIndex,
        final GeotaggedImageReaderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new GeotaggedImageReaderNodeDialog();
    }
}
