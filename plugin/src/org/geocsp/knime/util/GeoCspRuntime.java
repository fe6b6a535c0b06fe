package org.geocsp.knime.util;

import java.util.List;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IPreferencesService;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.knime.config.RuntimePreferences;
import org.knime.core.node.NodeLogger;

/**
 * Starts core's PyTorch runtime with the GeoCSP preferences (device, libtorch folder, cache folder,
 * threads) before the first use in this KNIME session. The engine starts once per JVM; preferences
 * changed later take effect after a restart (a warning says so).
 */
public final class GeoCspRuntime {

    /** The preference node (bundle symbolic name). */
    public static final String PREFERENCE_QUALIFIER = "org.geocsp.knime";

    private static final NodeLogger LOGGER = NodeLogger.getLogger(GeoCspRuntime.class);

    private GeoCspRuntime() {}

    /** The current preference values (defaults where unset, or outside an Eclipse runtime). */
    public static RuntimePreferences preferences() {
        RuntimePreferences d = RuntimePreferences.defaults();
        IPreferencesService s = Platform.isRunning() ? Platform.getPreferencesService() : null;
        if (s == null) {
            return d;
        }
        return new RuntimePreferences(
            s.getString(PREFERENCE_QUALIFIER, RuntimePreferences.KEY_DEVICE, d.device(), null),
            s.getString(PREFERENCE_QUALIFIER, RuntimePreferences.KEY_LIBTORCH_FOLDER, d.libtorchFolder(), null),
            s.getString(PREFERENCE_QUALIFIER, RuntimePreferences.KEY_CACHE_FOLDER, d.cacheFolder(), null),
            s.getInt(PREFERENCE_QUALIFIER, RuntimePreferences.KEY_INTRA_OP_THREADS, d.intraOpThreads(), null));
    }

    /** The device of the preferences (for nodes whose device setting says "preference"). */
    public static DeviceChoice preferredDevice() {
        try {
            return preferences().deviceChoice();
        } catch (IllegalArgumentException e) {
            LOGGER.warn("GeoCSP preferences: " + e.getMessage() + "; using auto");
            return DeviceChoice.AUTO;
        }
    }

    /**
     * Starts the engine with the preferences if it does not run yet.
     *
     * @return a warning for the user, or null
     */
    public static synchronized String ensureStarted() {
        RuntimePreferences p = preferences();
        List<String> problems = p.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("GeoCSP preferences: " + String.join("; ", problems));
        }
        if (GeoRuntime.isStarted()) {
            if (!p.toEngineOptions().equals(GeoRuntime.startedOptions())) {
                return "The GeoCSP runtime preferences changed after the PyTorch engine started; they take effect"
                    + " after a restart of KNIME.";
            }
            return null;
        }
        try {
            GeoRuntime.start(p.toEngineOptions());
        } catch (IllegalStateException e) {
            // started concurrently by another node with other settings
            return e.getMessage();
        }
        LOGGER.info("PyTorch engine started; libraries: " + GeoRuntime.nativeSource());
        return null;
    }
}
