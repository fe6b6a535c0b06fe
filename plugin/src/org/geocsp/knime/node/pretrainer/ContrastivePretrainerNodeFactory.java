package org.geocsp.knime.node.pretrainer;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Contrastive Pretrainer node. */
public final class ContrastivePretrainerNodeFactory extends NodeFactory<ContrastivePretrainerNodeModel> {

    @Override
    public ContrastivePretrainerNodeModel createNodeModel() {
        return new ContrastivePretrainerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ContrastivePretrainerNodeModel> createNodeView(final int viewIndex,
        final ContrastivePretrainerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastivePretrainerNodeDialog();
    }
}
