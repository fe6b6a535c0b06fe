package org.geocsp.knime.node.finetuner;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Fine-Tuner node. */
public final class FineTunerNodeFactory extends NodeFactory<FineTunerNodeModel> {

    @Override
    public FineTunerNodeModel createNodeModel() {
        return new FineTunerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<FineTunerNodeModel> createNodeView(final int viewIndex,
        final FineTunerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new FineTunerNodeDialog();
    }
}
