package org.geocsp.knime.node.pretrainer;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.DataColumns;
import org.geocsp.knime.config.ModelSpecFacts;
import org.geocsp.knime.config.PretrainerConfig;
import org.geocsp.core.train.StatisticsTable;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.port.GeoModelPortObjectSpec;
import org.geocsp.knime.util.DatasetReader;
import org.geocsp.knime.util.ExecutionProgress;
import org.geocsp.knime.util.StatisticsTables;
import org.geocsp.knime.util.TrainingNodeModel;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Contrastive spatial pre-training (core's {@link Pretrainer}) of the input model on a table of
 * locations and image embeddings.
 */
final class ContrastivePretrainerNodeModel extends TrainingNodeModel<PretrainerConfig, PretrainSettings> {

    ContrastivePretrainerNodeModel() {
        super(new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE}, PretrainerConfig.defaults(),
            PretrainerConfig.TRAINER);
    }

    @Override
    protected PretrainerConfig loadConfig(final ConfigStore store) throws ConfigException {
        return PretrainerConfig.load(store);
    }

    @Override
    protected DataColumns resolveColumns(final PretrainerConfig config, final List<ColumnInfo> table)
        throws ConfigException {
        return config.resolveColumns(table);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        GeoModelPortObjectSpec model = (GeoModelPortObjectSpec)inSpecs[0];
        DataTableSpec table = (DataTableSpec)inSpecs[1];
        DataColumns cols = columns(table);
        DataTableSpec stats = StatisticsTables.spec(StatisticsTable.forPretraining(config().objective()));
        if (model == null) {
            return new PortObjectSpec[]{null, stats};
        }
        ModelSpec in = model.getModelSpec();
        int width = cols.embedding().width();
        if (in.imageDim() > 0 && width > 0 && width != in.imageDim()) {
            throw new InvalidSettingsException("The model's image projection expects embeddings of width "
                + in.imageDim() + ", but the image embedding (" + cols.embedding().describe() + ") has width "
                + width + ".");
        }
        boolean widthKnown = in.imageDim() > 0 || width > 0;
        ModelSpec out = in.imageDim() > 0 || width <= 0 ? in : in.withImageDim(width, List.of());
        out = out.withStage(ModelStage.PRETRAINED);
        return new PortObjectSpec[]{
            new GeoModelPortObjectSpec(new ModelSpecFacts(out, widthKnown && model.isImageDimKnown(),
                model.isClassLabelsKnown(), model.facts().imageClassifierKnown())), stats};
    }

    @Override
    protected PretrainSettings coreSettings(final PretrainerConfig config, final DeviceChoice preferredDevice) {
        return config.toCore(preferredDevice);
    }

    @Override
    protected StatisticsTable statisticsTable(final PretrainSettings settings) {
        return StatisticsTable.forPretraining(settings.objective());
    }

    @Override
    protected Path checkpointDir(final PretrainSettings settings) {
        return settings.trainer().checkpointDir();
    }

    @Override
    protected Input read(final BufferedDataTable table, final DataColumns columns, final ExecutionMonitor exec)
        throws Exception {
        DatasetReader.Result read = DatasetReader.read(table, columns, List.of(), exec);
        return new Input(read.dataset(), Collections.singletonList(read.warning()));
    }

    @Override
    protected Trained train(final GeoModelPortObject modelIn, final GeoDataset data, final PretrainSettings settings,
        final ExecutionProgress progress, final Path checkpoint) throws Exception {
        if (checkpoint != null) {
            Pretrainer.Result r = Pretrainer.resume(checkpoint, data, settings, progress);
            return new Trained(r.model(), r.training());
        }
        GeoModel model = modelIn.loadModel(GeoRuntime.resolveDevice(settings.trainer().device()));
        try {
            Pretrainer.Result r = Pretrainer.run(model, data, settings, progress);
            if (r.model() != model) {
                model.close();
            }
            return new Trained(r.model(), r.training());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
