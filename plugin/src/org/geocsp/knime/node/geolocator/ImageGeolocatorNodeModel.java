package org.geocsp.knime.node.geolocator;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.predict.Gallery;
import org.geocsp.core.predict.GeolocationBatch;
import org.geocsp.core.predict.ImageGeolocator;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.VectorCells;
import org.geocsp.knime.config.ImageGeolocatorConfig;
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
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.append.AppendedColumnRow;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.context.ports.PortsConfiguration;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Appends the top-k candidate locations of each image embedding (and the error in km when the true
 * location is known), via core's {@link ImageGeolocator}, against a gallery table or a global grid.
 */
final class ImageGeolocatorNodeModel extends ConfigNodeModel<ImageGeolocatorConfig> {

    private static final int QUERY_BATCH = ImageGeolocator.DEFAULT_QUERY_CHUNK;

    private final boolean m_withGalleryPort;

    ImageGeolocatorNodeModel(final PortsConfiguration ports) {
        super(ports.getInputPorts(), ports.getOutputPorts(), ImageGeolocatorConfig.defaults());
        m_withGalleryPort = ports.getInputPortLocation().get(ImageGeolocatorNodeFactory.GALLERY_PORT_GROUP) != null;
    }

    @Override
    protected ImageGeolocatorConfig loadConfig(final ConfigStore store) throws ConfigException {
        return ImageGeolocatorConfig.load(store);
    }

    private static void checkModel(final ModelSpec spec, final int width) throws InvalidSettingsException {
        if (spec.imageDim() == 0) {
            throw new InvalidSettingsException("The model has no image projection; pre-train it against image"
                + " embeddings (Contrastive Pretrainer) first.");
        }
        if (width > 0 && width != spec.imageDim()) {
            throw new InvalidSettingsException("The model expects image embeddings of width " + spec.imageDim()
                + ", but the selected embedding has width " + width + ".");
        }
    }

    private ImageGeolocatorConfig.Inputs inputs(final DataTableSpec table) throws InvalidSettingsException {
        try {
            return config().resolveColumns(ColumnTypes.of(table));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    private int[] galleryColumns(final DataTableSpec gallery) throws InvalidSettingsException {
        try {
            return config().resolveGalleryColumns(ColumnTypes.of(gallery));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        GeoModelPortObjectSpec model = (GeoModelPortObjectSpec)inSpecs[0];
        DataTableSpec table = (DataTableSpec)inSpecs[1];
        ImageGeolocatorConfig.Inputs in = inputs(table);
        if (model != null && model.isImageDimKnown()) {
            checkModel(model.getModelSpec(), in.embedding().width());
        }
        if (m_withGalleryPort && inSpecs.length > 2 && inSpecs[2] != null) {
            galleryColumns((DataTableSpec)inSpecs[2]);
        }
        List<ColumnInfo> appended = config().outputColumns(List.of(table.getColumnNames()), in.withTruth());
        return new PortObjectSpec[]{new DataTableSpec(table, TableSpecs.create(appended))};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        GeoModelPortObject modelIn = (GeoModelPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        BufferedDataTable galleryTable = m_withGalleryPort && inObjects.length > 2
            ? (BufferedDataTable)inObjects[2] : null;
        ImageGeolocatorConfig.Inputs in = inputs(table.getDataTableSpec());
        checkModel(modelIn.getSpec().getModelSpec(), in.embedding().width());
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        List<ColumnInfo> appended = config().outputColumns(List.of(table.getDataTableSpec().getColumnNames()),
            in.withTruth());
        DataTableSpec outSpec = new DataTableSpec(table.getDataTableSpec(), TableSpecs.create(appended));
        String galleryWarning = null;
        Gallery gallery;
        try {
            if (galleryTable != null) {
                double[][] g = readGallery(galleryTable, galleryColumns(galleryTable.getDataTableSpec()), exec);
                long skipped = galleryTable.size() - g[0].length;
                galleryWarning = skipped == 0 ? null
                    : skipped + " gallery row(s) with a missing coordinate were left out";
                gallery = Gallery.of(g[0], g[1]);
            } else {
                gallery = config().gridGallery();
            }
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
        exec.setMessage("embedding the gallery: " + gallery.description());
        final boolean truth = in.withTruth();
        try (GeoModel model = modelIn.loadModel(GeoRuntime.resolveDevice(GeoCspRuntime.preferredDevice()));
                ImageGeolocator locator = ImageGeolocator.create(model, gallery)) {
            BufferedDataContainer c = exec.createDataContainer(outSpec);
            try {
                KnimeRowCells cells = new KnimeRowCells();
                RowProblems problems = new RowProblems(DatasetReader.WHERE);
                RowBatches.forEach(table, QUERY_BATCH, exec, "locating image", (rows, first) -> {
                    int n = rows.size();
                    float[][] emb = new float[n][];
                    double[] tl = truth ? new double[n] : null;
                    double[] ta = truth ? new double[n] : null;
                    for (int i = 0; i < n; i++) {
                        DataRow r = rows.get(i);
                        String row = RowProblems.rowLabel(first + i, r.getKey().getString());
                        cells.of(r);
                        float[] e = VectorCells.read(cells, in.embedding(), in.embedding().width(),
                            "image-embedding value", row, problems);
                        emb[i] = e == VectorCells.MISSING ? null : e;
                        if (truth) {
                            tl[i] = RowValidator.optionalNumber(cells, in.trueLongitude(), "longitude", row, problems);
                            ta[i] = RowValidator.optionalNumber(cells, in.trueLatitude(), "latitude", row, problems);
                        }
                    }
                    if (!problems.isEmpty()) {
                        return; // keep checking the other rows; the table is refused at the end
                    }
                    GeolocationBatch b = locator.locate(emb, config().topK(), tl, ta, first);
                    for (int i = 0; i < n; i++) {
                        c.addRowToTable(new AppendedColumnRow(rows.get(i),
                            TableSpecs.cells(appended, config().appendedValues(b, i, truth))));
                    }
                });
                problems.throwIfAny();
            } finally {
                c.close();
            }
            warn(runtimeWarning, galleryWarning);
            return new PortObject[]{c.getTable()};
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
    }

    /** The gallery's coordinates; rows with a missing coordinate are left out. */
    private static double[][] readGallery(final BufferedDataTable t, final int[] cols, final ExecutionContext exec)
        throws CanceledExecutionException {
        double[] lon = new double[(int)Math.min(Integer.MAX_VALUE - 8, t.size())];
        double[] lat = new double[lon.length];
        int n = 0;
        try (CloseableRowIterator it = t.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow r = it.next();
                double x = RowBatches.number(r.getCell(cols[0]));
                double y = RowBatches.number(r.getCell(cols[1]));
                if (!Double.isNaN(x) && !Double.isNaN(y)) {
                    lon[n] = x;
                    lat[n] = y;
                    n++;
                }
            }
        }
        return new double[][]{java.util.Arrays.copyOf(lon, n), java.util.Arrays.copyOf(lat, n)};
    }
}
