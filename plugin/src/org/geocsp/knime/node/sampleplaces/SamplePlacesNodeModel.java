package org.geocsp.knime.node.sampleplaces;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.sample.PlaceNameEmbedding;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.SamplePlacesConfig;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.TableSpecs;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Outputs the embedded GeoNames places of core ({@link SamplePlaces}), optionally with a stratified
 * train/test split and a locked place-name embedding ({@link PlaceNameEmbedding}) as stand-in image
 * embeddings, so that examples and testflows run without files.
 */
final class SamplePlacesNodeModel extends ConfigNodeModel<SamplePlacesConfig> {

    SamplePlacesNodeModel() {
        super(new PortType[0], new PortType[]{BufferedDataTable.TYPE}, SamplePlacesConfig.defaults());
    }

    @Override
    protected SamplePlacesConfig loadConfig(final ConfigStore store) throws ConfigException {
        return SamplePlacesConfig.load(store);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        return new PortObjectSpec[]{TableSpecs.create(config().outputColumns())};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        SamplesPlacesWriter w = new SamplesPlacesWriter(config(), exec);
        return new PortObject[]{w.write()};
    }

    /** Writes the rows; cancellation is checked per row. */
    private static final class SamplesPlacesWriter {
        private final SamplePlacesConfig m_config;
        private final ExecutionContext m_exec;

        SamplesPlacesWriter(final SamplePlacesConfig config, final ExecutionContext exec) {
            m_config = config;
            m_exec = exec;
        }

        BufferedDataTable write() throws CanceledExecutionException {
            m_exec.setMessage("loading the embedded places");
            SamplePlaces places = SamplePlaces.load();
            int[] rows = m_config.selectRows(places);
            String[] split = m_config.splitColumn(places, rows);
            List<ColumnInfo> cols = m_config.outputColumns();
            DataTableSpec spec = TableSpecs.create(cols);
            BufferedDataContainer c = m_exec.createDataContainer(spec);
            try {
                String[] names = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    names[i] = places.name(rows[i]);
                }
                PlaceNameEmbedding emb = m_config.withEmbedding()
                    ? PlaceNameEmbedding.fit(List.of(names), PlaceNameEmbedding.Settings.DEFAULT
                        .withWidth(m_config.embeddingWidth()))
                    : null;
                for (int i = 0; i < rows.length; i++) {
                    m_exec.checkCanceled();
                    final int done = i + 1;
                    m_exec.setProgress(done / (double)rows.length, () -> "place " + done + " of " + rows.length);
                    int r = rows[i];
                    List<Object> v = new ArrayList<>(List.of(places.geonameId(r), places.name(r), places.lon(r),
                        places.lat(r), places.country(r), places.admin1(r), places.population(r),
                        places.featureCode(r)));
                    if (split != null) {
                        v.add(split[i]);
                    }
                    if (emb != null) {
                        float[] f = emb.embed(names[i]);
                        double[] d = new double[f.length];
                        for (int k = 0; k < f.length; k++) {
                            d[k] = f[k];
                        }
                        v.add(d);
                    }
                    c.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), TableSpecs.cells(cols, v.toArray())));
                }
            } finally {
                c.close();
            }
            return c.getTable();
        }
    }
}
