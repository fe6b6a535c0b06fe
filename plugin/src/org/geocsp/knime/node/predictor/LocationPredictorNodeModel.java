package org.geocsp.knime.node.predictor;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ProbabilityMap;
import org.geocsp.core.predict.Rule;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.PredictionLayout;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.VectorCells;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.LocationPredictorConfig;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.port.GeoModelPortObjectSpec;
import org.geocsp.knime.util.ColumnTypes;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.DatasetReader;
import org.geocsp.knime.util.GeoCspRuntime;
import org.geocsp.knime.util.KnimeRowCells;
import org.geocsp.knime.util.Problems;
import org.geocsp.knime.util.RowBatches;
import org.geocsp.knime.util.TableSpecs;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.append.AppendedColumnRow;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.context.ports.PortsConfiguration;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;

/**
 * Appends P(class | location) (and the CSP combination with image class probabilities) of a
 * fine-tuned model to a table, via core's {@link LocationPredictor}; optionally outputs the map of
 * one class ({@link ProbabilityMap}).
 */
final class LocationPredictorNodeModel extends ConfigNodeModel<LocationPredictorConfig> {

    private final boolean m_withMap;

    LocationPredictorNodeModel(final PortsConfiguration ports) {
        super(ports.getInputPorts(), ports.getOutputPorts(), LocationPredictorConfig.defaults());
        m_withMap = ports.getOutputPortLocation().get(LocationPredictorNodeFactory.MAP_PORT_GROUP) != null;
    }

    @Override
    protected LocationPredictorConfig loadConfig(final ConfigStore store) throws ConfigException {
        return LocationPredictorConfig.load(store);
    }

    private LocationPredictorConfig.Inputs inputs(final DataTableSpec table, final List<String> labels,
        final int imageClassifierDim) throws InvalidSettingsException {
        try {
            return config().resolveColumns(ColumnTypes.of(table), labels, imageClassifierDim);
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    private static void checkClasses(final ModelSpec spec) throws InvalidSettingsException {
        if (spec.numClasses() == 0) {
            throw new InvalidSettingsException("The model (stage " + spec.stage() + ") has no classes; fine-tune it"
                + " with labelled locations (Fine-Tuner) first.");
        }
    }

    private void checkMapClass(final List<String> labels) throws InvalidSettingsException {
        if (m_withMap && !labels.contains(config().mapClass(labels))) {
            throw new InvalidSettingsException("setting '" + LocationPredictorConfig.MAP_CLASS.label() + "': the model"
                + " has no class '" + config().mapClass(labels) + "'");
        }
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        GeoModelPortObjectSpec model = (GeoModelPortObjectSpec)inSpecs[0];
        DataTableSpec table = (DataTableSpec)inSpecs[1];
        boolean known = model != null && model.isClassLabelsKnown();
        List<String> labels = known ? model.getModelSpec().classLabels() : null;
        if (known) {
            checkClasses(model.getModelSpec());
            checkMapClass(labels);
        }
        // an image classifier not known before the Fine-Tuner executes is checked at execution
        inputs(table, labels, known ? model.facts().imageClassifierDimOrUnknown() : -1);
        DataTableSpec out = known ? new DataTableSpec(table, TableSpecs.create(config().outputColumns(labels,
            List.of(table.getColumnNames()), model.getModelSpec().stack().outputDim()))) : null;
        return m_withMap ? new PortObjectSpec[]{out, new ImagePortObjectSpec(PNGImageContent.TYPE)}
            : new PortObjectSpec[]{out};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        GeoModelPortObject modelIn = (GeoModelPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        ModelSpec spec = modelIn.getSpec().getModelSpec();
        checkClasses(spec);
        List<String> labels = spec.classLabels();
        checkMapClass(labels);
        LocationPredictorConfig.Inputs in = inputs(table.getDataTableSpec(), labels, spec.imageClassifierDim());
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        PredictionLayout layout = config().layout(labels, List.of(table.getDataTableSpec().getColumnNames()),
            spec.stack().outputDim());
        List<ColumnInfo> appended = layout.infos();
        DataTableSpec outSpec = new DataTableSpec(table.getDataTableSpec(), TableSpecs.create(appended));
        long[] counts = new long[Rule.values().length];
        PredictionRequest request = config().request();
        try (GeoModel model = modelIn.loadModel(GeoRuntime.resolveDevice(GeoCspRuntime.preferredDevice()))) {
            LocationPredictor predictor = new LocationPredictor(model, request);
            BufferedDataContainer c = exec.createDataContainer(outSpec);
            List<ColumnInfo> columns = ColumnTypes.of(table.getDataTableSpec());
            EmbeddingSource image = in.imageSource(columns, labels.size(), spec.imageClassifierDim());
            String lonName = columns.get(in.longitude()).name();
            String latName = columns.get(in.latitude()).name();
            KnimeRowCells cells = new KnimeRowCells();
            try {
                RowProblems problems = new RowProblems(DatasetReader.WHERE);
                RowBatches.forEach(table, request.batchSize(),
                    exec.createSubProgress(m_withMap ? 0.8 : 1.0), "predicting row", (rows, first) -> {
                        int n = rows.size();
                        double[] lon = new double[n];
                        double[] lat = new double[n];
                        float[][] probs = image != null ? new float[n][] : null;
                        for (int i = 0; i < n; i++) {
                            DataRow r = rows.get(i);
                            String row = RowProblems.rowLabel(first + i, r.getKey().getString());
                            cells.of(r);
                            lon[i] = RowValidator.optionalNumber(cells, in.longitude(), lonName, row, problems);
                            lat[i] = RowValidator.optionalNumber(cells, in.latitude(), latName, row, problems);
                            if (probs != null) {
                                // all missing: location only; only some missing: an error (the CLI's rule)
                                float[] p = VectorCells.read(cells, image, image.width(), in.imageEmbedding() != null
                                    ? "image-embedding value" : "image probability", row, problems);
                                probs[i] = p == VectorCells.MISSING ? null : p;
                            }
                        }
                        if (!problems.isEmpty()) {
                            return; // keep checking the other rows; the table is refused at the end
                        }
                        PredictionBatch b = predictor.predict(lon, lat,
                            in.imageEmbedding() == null ? probs : predictor.imageProbabilities(probs, first), first);
                        for (int i = 0; i < n; i++) {
                            counts[b.rule(i).ordinal()]++;
                            DataCell[] out = TableSpecs.cells(appended, layout.values(b, i));
                            c.addRowToTable(new AppendedColumnRow(rows.get(i), out));
                        }
                    });
                problems.throwIfAny();
            } finally {
                c.close();
            }
            String rulesWarning = counts[Rule.NONE.ordinal()] + counts[Rule.IMAGE_ONLY.ordinal()] == 0 ? null
                : counts[Rule.IMAGE_ONLY.ordinal()] + " row(s) without a valid location were predicted from the image"
                    + " probabilities only and " + counts[Rule.NONE.ordinal()] + " row(s) got no prediction (see the"
                    + " prediction note column)";
            warn(runtimeWarning, rulesWarning);
            if (!m_withMap) {
                return new PortObject[]{c.getTable()};
            }
            exec.setProgress(0.85, "drawing the map of class " + config().mapClass(labels));
            ProbabilityMap map = ProbabilityMap.builder(model, config().mapClass(labels))
                .resolutionDeg(config().mapResolution()).mapWidth(config().mapWidth())
                .scoreMode(request.scoreMode()).build();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(map.render(), "png", bytes);
            byte[] png = bytes.toByteArray();
            return new PortObject[]{c.getTable(),
                new ImagePortObject(new PNGImageContent(png), new ImagePortObjectSpec(PNGImageContent.TYPE))};
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
    }
}
