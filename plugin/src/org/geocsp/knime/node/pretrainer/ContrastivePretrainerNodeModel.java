package org.geocsp.knime.node.pretrainer;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.Checkpoints;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.TrainingCancelledException;
import org.geocsp.core.train.TrainingResult;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.DataColumns;
import org.geocsp.knime.config.PretrainerConfig;
import org.geocsp.knime.config.StatisticsTable;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.port.GeoModelPortObjectSpec;
import org.geocsp.knime.util.ColumnTypes;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.DatasetReader;
import org.geocsp.knime.util.ExecutionProgress;
import org.geocsp.knime.util.GeoCspRuntime;
import org.geocsp.knime.util.Problems;
import org.geocsp.knime.util.StatisticsTables;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Contrastive spatial pre-training (core's {@link Pretrainer}) of the input model on a table of
 * locations and image embeddings.
 */
final class ContrastivePretrainerNodeModel extends ConfigNodeModel<PretrainerConfig> {

    ContrastivePretrainerNodeModel() {
        super(new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE}, PretrainerConfig.defaults());
    }

    @Override
    protected PretrainerConfig loadConfig(final ConfigStore store) throws ConfigException {
        return PretrainerConfig.load(store);
    }

    private DataColumns columns(final DataTableSpec table) throws InvalidSettingsException {
        try {
            return config().resolveColumns(ColumnTypes.of(table));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
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
            new GeoModelPortObjectSpec(out, widthKnown && model.isImageDimKnown(), model.isClassLabelsKnown()), stats};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        GeoModelPortObject modelIn = (GeoModelPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        DataColumns cols = columns(table.getDataTableSpec());
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        PretrainSettings settings;
        try {
            settings = config().toCore(GeoCspRuntime.preferredDevice());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
        StatisticsTable statsTable = StatisticsTable.forPretraining(settings.objective());
        ExecutionProgress progress = new ExecutionProgress(exec.createSubProgress(0.9), getLogger());
        DatasetReader.Result read = DatasetReader.read(table, cols, List.of(), exec.createSubProgress(0.05));
        try (GeoDataset data = read.dataset()) {
            Path ckpt = settings.trainer().checkpointDir();
            boolean resume = config().values().getBoolean(PretrainerConfig.TRAINER.resume) && ckpt != null
                && Checkpoints.exists(ckpt);
            Pretrainer.Result result = GeoRuntime.callWithContextClassLoader(() -> {
                if (resume) {
                    return Pretrainer.resume(ckpt, data, settings, progress);
                }
                Device device = GeoRuntime.resolveDevice(settings.trainer().device());
                GeoModel model = modelIn.loadModel(device);
                try {
                    Pretrainer.Result r = Pretrainer.run(model, data, settings, progress);
                    if (r.model() != model) {
                        model.close();
                    }
                    return r;
                } catch (RuntimeException e) {
                    model.close();
                    throw e;
                }
            });
            try (result) {
                exec.setProgress(0.96, "saving the model");
                GeoModelPortObject out = GeoModelPortObject.create(result.model(), exec);
                BufferedDataTable stats = StatisticsTables.write(statsTable, result.training().history(), exec);
                TrainingResult t = result.training();
                warn(runtimeWarning, read.warning(),
                    t.status() == TrainingResult.Status.COMPLETED ? null : t.message(),
                    resume ? "Resumed from the checkpoint in " + ckpt : null);
                return new PortObject[]{out, stats};
            }
        } catch (TrainingCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
    }
}
