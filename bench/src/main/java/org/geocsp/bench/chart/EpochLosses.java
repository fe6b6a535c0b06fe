package org.geocsp.bench.chart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Losses of one epoch for {@link LossCurveChart}.
 *
 * @param epoch epoch number (any origin; plotted as given)
 * @param training mean training loss of the epoch; NaN if not measured
 * @param validation validation loss after the epoch; NaN if not measured
 * @param components optional loss components by name, e.g. "L_B", "L_L", "L_D" (iteration order
 *     kept; copied); NaN values are not plotted
 */
public record EpochLosses(int epoch, double training, double validation, Map<String, Double> components) {

    public EpochLosses {
        components = components == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** An epoch without loss components. */
    public EpochLosses(int epoch, double training, double validation) {
        this(epoch, training, validation, Map.of());
    }
}
