package org.geocsp.knime.port;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import javax.swing.JComponent;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStorePortObject;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A GeoCSP model travelling between nodes: the core model file ({@link ModelFile}: spec JSON plus
 * safetensors parameters) lives in a KNIME file store, written once by the producing node straight
 * from the model and read by consuming nodes straight into theirs, so the parameters are never
 * copied through the heap or the workflow's zip streams (the approach of KNIME's deep-learning
 * networks). The spec is kept in memory; the parameters are loaded on demand into a model the
 * caller owns and closes, so no native memory outlives a node execution.
 */
public final class GeoModelPortObject extends FileStorePortObject {

    /** The port type (registered in plugin.xml). */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(GeoModelPortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(GeoModelPortObject.class, true);

    private static final String ENTRY = "geocsp-model-port.txt";
    private static final String CONTENT = "GeoCSP model port object, version 1; the model file is in the file store";

    private GeoModelPortObjectSpec m_spec;

    /** Wraps a file store that already holds a model file. */
    public GeoModelPortObject(final GeoModelPortObjectSpec spec, final FileStore modelFile) {
        super(List.of(modelFile));
        m_spec = spec;
    }

    /** For the serializer. */
    private GeoModelPortObject(final GeoModelPortObjectSpec spec) {
        super();
        m_spec = spec;
    }

    /** Saves {@code model} into a new file store of {@code exec} and wraps it. */
    public static GeoModelPortObject create(final GeoModel model, final ExecutionContext exec) throws IOException {
        FileStore fs = exec.createFileStore("geocsp-model-" + UUID.randomUUID() + ".geocsp");
        ModelFile.save(model, fs.getFile().toPath());
        return new GeoModelPortObject(new GeoModelPortObjectSpec(model.spec()), fs);
    }

    /** The model file in the file store. */
    public Path getModelFile() {
        return getFileStore(0).getFile().toPath();
    }

    /** Loads the model onto a device; the caller closes it. */
    public GeoModel loadModel(final Device device) throws IOException {
        return ModelFile.load(getModelFile(), device);
    }

    @Override
    public String getSummary() {
        return m_spec.summary();
    }

    @Override
    public GeoModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[]{new GeoModelView(m_spec)};
    }

    /** Serializer, registered in plugin.xml: writes a marker entry; the model itself is in the file store. */
    public static final class Serializer extends PortObject.PortObjectSerializer<GeoModelPortObject> {

        @Override
        public void savePortObject(final GeoModelPortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry(ENTRY));
            out.write(CONTENT.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        @Override
        public GeoModelPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry e = in.getNextEntry();
            if (e == null || !ENTRY.equals(e.getName())) {
                throw new IOException("Not a GeoCSP model port object: expected the entry " + ENTRY + ", found "
                    + (e == null ? "none" : e.getName()));
            }
            InputStream is = in;
            is.readAllBytes();
            return new GeoModelPortObject((GeoModelPortObjectSpec)spec);
        }
    }
}
