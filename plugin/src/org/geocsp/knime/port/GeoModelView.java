package org.geocsp.knime.port;

import java.awt.BorderLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.geocsp.core.model.ModelStage;
import org.geocsp.knime.config.ModelSummary;

/** The model port's view: the architecture and, per training stage, the epoch history. */
final class GeoModelView extends JPanel {

    private static final long serialVersionUID = 1L;

    GeoModelView(final GeoModelPortObjectSpec spec) {
        super(new BorderLayout());
        setName("GeoCSP model");
        add(new JLabel(spec.summary()), BorderLayout.NORTH);
        JTabbedPane tabs = new JTabbedPane();
        tabs.addTab("Architecture", table(ModelSummary.architecture(spec.getModelSpec(), spec.isImageDimKnown(),
            spec.isClassLabelsKnown())));
        for (ModelStage stage : ModelSummary.HISTORY_STAGES) {
            ModelSummary.Table h = ModelSummary.history(spec.getModelSpec(), stage);
            if (!h.rows().isEmpty()) {
                tabs.addTab(stage == ModelStage.PRETRAINED ? "Pre-training history" : "Fine-tuning history", table(h));
            }
        }
        add(tabs, BorderLayout.CENTER);
    }

    private static JScrollPane table(final ModelSummary.Table t) {
        DefaultTableModel m = new DefaultTableModel(t.columns().toArray(), 0) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isCellEditable(final int row, final int column) {
                return false;
            }
        };
        for (Object[] r : t.rows()) {
            m.addRow(r);
        }
        JTable table = new JTable(m);
        table.setAutoCreateRowSorter(true);
        return new JScrollPane(table);
    }
}
