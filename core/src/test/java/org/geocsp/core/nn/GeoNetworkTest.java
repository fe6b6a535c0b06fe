package org.geocsp.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.PositionEncoder;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

class GeoNetworkTest {

    /** A position encoder with one trainable and one fixed parameter, as rbf/rff/tile will have. */
    static final class ParamEncoder extends PositionEncoder {
        final Parameter scale;
        final Parameter fixed;

        ParamEncoder() {
            super(EncoderSpec.of("gridcell"));
            scale = addParameter(Parameter.builder().setName("scale").setType(Parameter.Type.OTHER)
                    .optShape(new Shape(4)).optInitializer(Initializer.ONES).build());
            fixed = addParameter(Parameter.builder().setName("fixed").setType(Parameter.Type.OTHER)
                    .optShape(new Shape(4)).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
        }

        @Override
        public int outputDim() {
            return 4;
        }

        @Override
        protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
            NDArray x = lonLatDeg.toType(DataType.FLOAT32, false).div(90f);
            NDArray f = NDArrays.concat(new NDList(x.sin(), x.cos()), 1);
            return f.mul(ps.getValue(scale, x.getDevice(), training)).add(ps.getValue(fixed, x.getDevice(), training));
        }
    }

    static GeoNetwork residualNetwork() {
        PositionEncoder pe = new ParamEncoder();
        LocationEncoder loc = new LocationEncoder(pe, LocationStack.create(DefaultStacks.forEncoder("wrap"), 4));
        return new GeoNetwork(loc, new ImageProjection(32, 256, List.of(64)), new ClassHead(256, 5));
    }

    @Test
    void referenceNamesCoverEveryParameter() {
        GeoNetwork net = residualNetwork();
        Map<String, Parameter> names = net.referenceParameters();
        assertEquals(net.getParameters().size(), names.size());
        List<String> keys = List.copyOf(names.keySet());
        assertEquals(List.of("loc_enc.spa_enc.scale", "loc_enc.spa_enc.fixed", "loc_enc.feats.0.weight"),
                keys.subList(0, 3));
        assertTrue(keys.contains("loc_enc.feats.5.w2.bias"));
        assertEquals(List.of("img_dec.0.weight", "img_dec.0.bias", "img_dec.2.weight", "img_dec.2.bias",
                "class_emb.weight"), keys.subList(keys.size() - 5, keys.size()));
    }

    @Test
    void forwardReturnsEmbeddingLogitsAndImageEmbedding() {
        GeoNetwork net = residualNetwork();
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            net.initialize(m, 1);
            NDArray coords = m.create(new double[] {10, 20, -30, 40, 179, -89}, new Shape(3, 2));
            NDArray img = m.randomNormal(new Shape(7, 32));
            ParameterStore ps = new ParameterStore(m, false);
            NDList out = net.forward(ps, new NDList(coords, img), false);
            assertEquals(3, out.size());
            assertEquals(new Shape(3, 256), out.get(0).getShape());
            assertEquals(new Shape(3, 5), out.get(1).getShape());
            assertEquals(new Shape(7, 256), out.get(2).getShape());
            assertEquals(2, net.forward(ps, new NDList(coords), false).size());
            // the class head is a bias-free linear map of the embedding
            NDArray logits = net.classLogits(ps, out.get(0), false);
            NDArray manual = out.get(0).matMul(net.classHead().linear().weight().getArray().transpose());
            assertTrue(logits.sub(manual).abs().max().getFloat() < 1e-5);
        }
    }

    @Test
    void freezeModes() {
        GeoNetwork net = residualNetwork();
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            net.initialize(m, 1);
            ParamEncoder pe = (ParamEncoder) net.locationEncoder().positionEncoder();
            Parameter stackW = ((ResidualStack) net.locationEncoder().stack()).inputLayer().weight();
            Parameter head = net.classHead().linear().weight();
            Parameter img = net.imageProjection().layers().get(0).weight();

            net.freeze(FreezeMode.LOCATION_ENCODER);
            assertFalse(pe.scale.requiresGradient());
            assertFalse(stackW.requiresGradient());
            assertTrue(head.requiresGradient() && img.requiresGradient());

            net.freeze(FreezeMode.POSITION_ENCODER);
            assertFalse(pe.scale.requiresGradient());
            assertTrue(stackW.requiresGradient() && head.requiresGradient());

            net.freeze(FreezeMode.NONE);
            assertTrue(pe.scale.requiresGradient() && stackW.requiresGradient());
            assertFalse(pe.fixed.requiresGradient(), "a parameter fixed by design stays fixed");
            assertEquals(FreezeMode.NONE, net.freezeMode());
        }
    }

    @Test
    void missingPartsSayWhatIsMissing() {
        PositionEncoder pe = new ParamEncoder();
        GeoNetwork net = new GeoNetwork(new LocationEncoder(pe, LocationStack.create(StackSpec.csp(), 4)), null, null);
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            net.initialize(m, 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.zeros(new Shape(1, 256));
            assertTrue(assertThrows(IllegalStateException.class, () -> net.classLogits(ps, x, false)).getMessage()
                    .contains("no class head"));
            assertTrue(assertThrows(IllegalStateException.class, () -> net.projectImages(ps, x, false)).getMessage()
                    .contains("no image projection"));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new LocationEncoder(new ParamEncoder(), LocationStack.create(StackSpec.csp(), 128)));
    }
}
