package org.geocsp.knime.prefs;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.geocsp.knime.config.RuntimePreferences;
import org.geocsp.knime.util.GeoCspRuntime;

/** Default values of the GeoCSP preferences (device auto, DJL's cache folder, bundled CPU libraries). */
public final class GeoCspPreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        RuntimePreferences d = RuntimePreferences.defaults();
        IEclipsePreferences node = DefaultScope.INSTANCE.getNode(GeoCspRuntime.PREFERENCE_QUALIFIER);
        node.put(RuntimePreferences.KEY_DEVICE, d.device());
        node.put(RuntimePreferences.KEY_LIBTORCH_FOLDER, d.libtorchFolder());
        node.put(RuntimePreferences.KEY_CACHE_FOLDER, d.cacheFolder());
        node.putInt(RuntimePreferences.KEY_INTRA_OP_THREADS, d.intraOpThreads());
    }
}
