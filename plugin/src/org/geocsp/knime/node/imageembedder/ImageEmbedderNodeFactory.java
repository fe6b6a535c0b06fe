package org.geocsp.knime.node.imageembedder;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Image Embedder node. */
public final class ImageEmbedderNodeFactory extends NodeFactory<ImageEmbedderNodeModel> {

    @Override
    public ImageEmbedderNodeModel createNodeModel() {
        return new ImageEmbedderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ImageEmbedderNodeModel> createNodeView(final int viewIndex,
        final ImageEmbedderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ImageEmbedderNodeDialog();
    }
}
