package org.geocsp.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geocsp.core.runtime.Tensors;

/**
 * Builds a model from another one with a changed spec (an added image projection or class head,
 * another device), carrying over every parameter whose reference name and shape match, and the
 * optimiser moments of the run that trained them ({@link GeoModel#optimizerState()}).
 */
public final class ModelTransfer {

    private ModelTransfer() {}

    /**
     * A new model of {@code spec} on {@code device}, initialised from {@code seed}, then overwritten
     * with the matching parameters of {@code source} (the location encoder, typically).
     */
    public static GeoModel derive(GeoModel source, ModelSpec spec, Device device, long seed) {
        GeoModel target = GeoModel.create(spec, device, seed);
        try {
            copyMatching(source, target);
            target.setOptimizerState(source.optimizerState());
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /**
     * Copies each parameter of {@code source} into the parameter of {@code target} with the same
     * reference name and shape, in place.
     *
     * @return the names copied
     */
    public static List<String> copyMatching(GeoModel source, GeoModel target) {
        Map<String, Parameter> from = source.network().referenceParameters();
        Map<String, Parameter> to = target.network().referenceParameters();
        List<String> copied = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : to.entrySet()) {
            Parameter src = from.get(e.getKey());
            if (src == null || !src.isInitialized()) {
                continue;
            }
            NDArray s = src.getArray();
            NDArray d = e.getValue().getArray();
            if (!s.getShape().equals(d.getShape())) {
                continue;
            }
            NDArray onDevice = s.getDevice().equals(d.getDevice()) ? s : s.toDevice(d.getDevice(), true);
            Tensors.assign(d, onDevice);
            if (onDevice != s) {
                onDevice.close();
            }
            copied.add(e.getKey());
        }
        return copied;
    }
}
