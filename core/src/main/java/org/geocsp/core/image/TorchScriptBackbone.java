package org.geocsp.core.image;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.runtime.GradMode;

/**
 * A user-supplied TorchScript image backbone ({@code torch.jit.script}/{@code torch.jit.trace} then
 * {@code .save}), run by DJL's PyTorch engine started through {@link GeoRuntime}. It takes one
 * NCHW float32 batch and returns one embedding per image: the first output, flattened per image
 * (so {@code [N, D]}, {@code [N, D, 1, 1]} and a tuple whose first element is either all work).
 */
public final class TorchScriptBackbone implements AutoCloseable {

    private final Model model;
    private final Path file;
    private final Device device;

    private TorchScriptBackbone(Model model, Path file, Device device) {
        this.model = model;
        this.file = file;
        this.device = device;
    }

    /**
     * Loads a TorchScript file on a device (the engine is started with the runtime's settings first).
     *
     * @throws InvalidInputException when the file is missing or not a TorchScript model, naming it
     */
    public static TorchScriptBackbone load(Path file, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("backbone model " + file + " does not exist or is not a file");
        }
        GeoRuntime.engine();
        return GeoRuntime.withContextClassLoader(() -> {
            Model m = Model.newInstance("backbone", device, "PyTorch");
            try {
                m.load(file.toAbsolutePath());
                return new TorchScriptBackbone(m, file, device);
            } catch (IOException | MalformedModelException | RuntimeException e) {
                m.close();
                String why = e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("").strip();
                throw new InvalidInputException("backbone model " + file + " is not a TorchScript model that PyTorch "
                        + "2.7 can load (" + why + "); export it with torch.jit.trace or torch.jit.script and save()");
            }
        });
    }

    public Path file() {
        return file;
    }

    public Device device() {
        return device;
    }

    /**
     * Runs the backbone on {@code n} images of {@code size x size} held as CHW blocks in
     * {@code chw} (the first {@code n * 3 * size * size} values).
     *
     * @return one embedding per image
     * @throws InvalidInputException when the model fails on the input or returns no per-image output
     */
    public float[][] embed(float[] chw, int n, int size) {
        return GeoRuntime.withContextClassLoader(() -> {
            try (GradMode g = GradMode.disabled(); NDManager m = model.getNDManager().newSubManager(device)) {
                int per = 3 * size * size;
                float[] data = chw.length == n * per ? chw : java.util.Arrays.copyOf(chw, n * per);
                NDArray x = m.create(data, new Shape(n, 3, size, size));
                NDList out;
                try {
                    out = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
                } catch (RuntimeException e) {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage().lines().findFirst().orElse("").strip();
                    throw new InvalidInputException("backbone model " + file + " failed on a batch of shape "
                            + x.getShape() + " (" + why + ")");
                }
                if (out.isEmpty() || out.get(0).getShape().dimension() < 1 || out.get(0).getShape().get(0) != n) {
                    throw new InvalidInputException("backbone model " + file + " returned "
                            + (out.isEmpty() ? "nothing" : "shape " + out.get(0).getShape()) + " for " + n
                            + " images; expected one embedding per image ([N, D])");
                }
                NDArray e = out.get(0).toType(DataType.FLOAT32, false).reshape(n, -1);
                int d = (int) e.getShape().get(1);
                float[] flat = e.toFloatArray();
                float[][] rows = new float[n][d];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(flat, i * d, rows[i], 0, d);
                }
                return rows;
            }
        });
    }

    @Override
    public void close() {
        model.close();
    }
}
