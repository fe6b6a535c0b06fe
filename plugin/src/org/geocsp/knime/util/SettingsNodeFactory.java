package org.geocsp.knime.util;

import java.util.List;
import org.geocsp.knime.config.Setting;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/**
 * The factory of a GeoCSP node with fixed ports: no views, and the dialog built from the node's
 * {@link Setting} list ({@link SettingsDialog}). A node's factory names only its model and settings.
 *
 * @param <M> the node model
 */
public abstract class SettingsNodeFactory<M extends NodeModel> extends NodeFactory<M> {

    /** The node's settings, in dialog order (the list its node model loads and saves). */
    protected abstract List<Setting> settings();

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<M> createNodeView(final int viewIndex, final M nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected final boolean hasDialog() {
        return true;
    }

    @Override
    protected final NodeDialogPane createNodeDialogPane() {
        return new SettingsDialog(settings());
    }
}
