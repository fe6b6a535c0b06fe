package org.geocsp.knime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.djl.EngineOptions;

/**
 * The GeoCSP preference page's values (device, libtorch folder, cache folder, threads) and their
 * conversion to the engine options ({@link EngineOptions}), applied once when the engine starts.
 *
 * @param device "auto", "cpu" or "gpuN"
 * @param libtorchFolder a folder with a user-supplied libtorch, or empty
 * @param cacheFolder DJL's cache folder, or empty for DJL's default
 * @param intraOpThreads PyTorch intra-op threads, 0 = default
 */
public record RuntimePreferences(String device, String libtorchFolder, String cacheFolder, int intraOpThreads) {

    public static final String KEY_DEVICE = "device";
    public static final String KEY_LIBTORCH_FOLDER = "libtorchFolder";
    public static final String KEY_CACHE_FOLDER = "cacheFolder";
    public static final String KEY_INTRA_OP_THREADS = "intraOpThreads";

    public RuntimePreferences {
        device = device == null ? "auto" : device.trim();
        libtorchFolder = libtorchFolder == null ? "" : libtorchFolder.trim();
        cacheFolder = cacheFolder == null ? "" : cacheFolder.trim();
    }

    public static RuntimePreferences defaults() {
        return new RuntimePreferences("auto", "", "", 0);
    }

    /** Every problem, naming the preference. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        try {
            DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            p.add("preference 'Device': " + e.getMessage());
        }
        for (String[] f : new String[][] {{"Libtorch folder", libtorchFolder}, {"Cache folder", cacheFolder}}) {
            try {
                if (!f[1].isEmpty()) {
                    Path.of(f[1]);
                }
            } catch (RuntimeException e) {
                p.add("preference '" + f[0] + "': '" + f[1] + "' is not a valid path");
            }
        }
        if (intraOpThreads < 0) {
            p.add("preference 'Threads': must be 0 (PyTorch's default) or more, got " + intraOpThreads);
        }
        return p;
    }

    public DeviceChoice deviceChoice() {
        return DeviceChoice.parse(device);
    }

    /** The engine settings (offline, as the natives ship with the extension). */
    public EngineOptions toEngineOptions() {
        return new EngineOptions(cacheFolder.isEmpty() ? null : Path.of(cacheFolder), true, intraOpThreads, 0,
                libtorchFolder.isEmpty() ? null : Path.of(libtorchFolder), deviceChoice().toString());
    }
}
