package org.geocsp.core.train;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.model.GeoModel;

final class PretrainerTestSupport {
    private PretrainerTestSupport() {}

    /** Class logits in eval mode, autograd off. */
    static float[][] logits(GeoModel m, double[] lon, double[] lat) {
        try (org.geocsp.core.runtime.GradMode g = org.geocsp.core.runtime.GradMode.disabled();
                ai.djl.ndarray.NDManager s = m.manager().newSubManager()) {
            double[] flat = new double[lon.length * 2];
            for (int i = 0; i < lon.length; i++) {
                flat[2 * i] = lon[i];
                flat[2 * i + 1] = lat[i];
            }
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(s, false);
            ai.djl.ndarray.NDArray x = s.create(flat).reshape(lon.length, 2);
            ai.djl.ndarray.NDArray logits = m.network().classLogits(ps, m.network().embedLocations(ps, x, false), false);
            int c = (int) logits.getShape().get(1);
            float[] v = logits.toFloatArray();
            float[][] out = new float[lon.length][c];
            for (int i = 0; i < lon.length; i++) {
                System.arraycopy(v, i * c, out[i], 0, c);
            }
            return out;
        }
    }

    /** Every parameter's values by reference name. */
    static Map<String, float[]> values(GeoModel m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : m.network().referenceParameters().entrySet()) {
            out.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
