package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;

/**
 * The whole CSP model as one DJL block: the location encoder e(x), an optional image projection
 * W (for contrastive pre-training), an optional class head T (for fine-tuning and prediction)
 * and an optional {@link ImageClassifier} (a GeoCSP extension: P(class | image) for the combined
 * prediction, stored as {@code img_cls.*}, not part of the CSP reference).
 *
 * <p>{@link #forward} takes {@code (coords)} or {@code (coords, imageFeatures)} — coords (B, 2)
 * lon/lat degrees, image features (B', d_img) float32 — and returns, in this order: the
 * location embedding (B, d); the class logits (B, C) if there is a class head; the projected
 * image embedding (B', d) if image features were given (which needs an image projection).
 *
 * <p>Every parameter has a reference PyTorch name ({@link #referenceParameters()}), the names
 * of the CSP {@code LocationImageEncoder.state_dict()}:
 * {@code loc_enc.spa_enc.ffn.layers.{i}.linear.*}, {@code ...layernorm.*}, {@code img_dec.*},
 * {@code class_emb.weight}; for the residual stack {@code loc_enc.feats.*} (CSP {@code geo_net}),
 * for SIREN {@code loc_enc.nnet.*} (SatCLIP); position-encoder parameters
 * {@code loc_enc.spa_enc.<DJL name>}.
 */
public final class GeoNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LocationEncoder locationEncoder;
    private final ImageProjection imageProjection;
    private final ClassHead classHead;
    private final ImageClassifier imageClassifier;
    /** Whether each parameter wants a gradient by design; freezing returns to this. */
    private final Map<Parameter, Boolean> trainableByDesign = new IdentityHashMap<>();
    private FreezeMode freezeMode = FreezeMode.NONE;

    /**
     * @param imageProjection the image projection, or null
     * @param classHead the class head, or null
     */
    public GeoNetwork(LocationEncoder locationEncoder, ImageProjection imageProjection, ClassHead classHead) {
        this(locationEncoder, imageProjection, classHead, null);
    }

    /**
     * @param imageProjection the image projection, or null
     * @param classHead the class head, or null
     * @param imageClassifier the image classifier, or null
     */
    public GeoNetwork(LocationEncoder locationEncoder, ImageProjection imageProjection, ClassHead classHead,
            ImageClassifier imageClassifier) {
        super(VERSION);
        this.locationEncoder = addChildBlock("loc_enc", locationEncoder);
        this.imageProjection = imageProjection == null ? null : addChildBlock("img_dec", imageProjection);
        this.classHead = classHead == null ? null : addChildBlock("class_emb", classHead);
        this.imageClassifier = imageClassifier == null ? null : addChildBlock("img_cls", imageClassifier);
        for (Parameter p : getParameters().values()) {
            trainableByDesign.put(p, p.requiresGradient());
        }
    }

    /**
     * Builds a network from its settings.
     *
     * @param imageDim image feature dimension, 0 for no image projection
     * @param imageHiddenDims hidden widths of the image projection (empty: one Linear)
     * @param numClasses number of classes, 0 for no class head
     * @param imageClassifierDim input width of the image classifier, 0 for none
     */
    public static GeoNetwork create(EncoderSpec encoder, StackSpec stack, int imageDim, List<Integer> imageHiddenDims,
            int numClasses, int imageClassifierDim) {
        LocationEncoder loc = LocationEncoder.create(encoder, stack);
        ImageProjection img = imageDim > 0 ? new ImageProjection(imageDim, loc.outputDim(), imageHiddenDims) : null;
        ClassHead head = numClasses > 0 ? new ClassHead(loc.outputDim(), numClasses) : null;
        ImageClassifier cls = imageClassifierDim > 0 && numClasses > 0
                ? new ImageClassifier(imageClassifierDim, numClasses) : null;
        return new GeoNetwork(loc, img, head, cls);
    }

    public LocationEncoder locationEncoder() {
        return locationEncoder;
    }

    /** The image projection, or null. */
    public ImageProjection imageProjection() {
        return imageProjection;
    }

    /** The class head, or null. */
    public ClassHead classHead() {
        return classHead;
    }

    /** The image classifier, or null. */
    public ImageClassifier imageClassifier() {
        return imageClassifier;
    }

    public int embeddingDim() {
        return locationEncoder.outputDim();
    }

    /**
     * Initialises every parameter deterministically from {@code seed} (see
     * {@link SeededInitializer}; the engine's global RNG is not used for the stack and heads).
     * Position-encoder parameters use their encoder's own initialisation.
     */
    public void initialize(NDManager manager, long seed) {
        SeededInitializer.seedAll(this, seed);
        initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    }

    /** e(x): (B, 2) lon/lat degrees to (B, d). */
    public NDArray embedLocations(ParameterStore ps, NDArray lonLatDeg, boolean training) {
        return locationEncoder.embed(ps, lonLatDeg, training);
    }

    /** W·f: (B, d_img) image features to (B, d). */
    public NDArray projectImages(ParameterStore ps, NDArray imageFeatures, boolean training) {
        if (imageProjection == null) {
            throw new IllegalStateException("this model has no image projection (it was built without image features)");
        }
        return imageProjection.project(ps, imageFeatures, training);
    }

    /** T·e: (B, d) location embeddings to (B, C) class logits. */
    public NDArray classLogits(ParameterStore ps, NDArray embedding, boolean training) {
        if (classHead == null) {
            throw new IllegalStateException("this model has no class head (it has not been fine-tuned on classes)");
        }
        return classHead.logits(ps, embedding, training);
    }

    /** A·f + b: (B, d_img) image embeddings to (B, C) image-classifier logits. */
    public NDArray imageClassLogits(ParameterStore ps, NDArray imageEmbeddings, boolean training) {
        if (imageClassifier == null) {
            throw new IllegalStateException("this model has no image classifier (fine-tune it with image embeddings)");
        }
        return imageClassifier.logits(ps, imageEmbeddings, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray emb = embedLocations(ps, inputs.get(0), training);
        NDList out = new NDList(emb);
        if (classHead != null) {
            out.add(classLogits(ps, emb, training));
        }
        if (inputs.size() > 1) {
            out.add(projectImages(ps, inputs.get(1), training));
        }
        return out;
    }

    /**
     * Fixes a part of the network for training; {@link FreezeMode#NONE} returns every parameter
     * to its design (parameters that are never trained stay fixed).
     */
    public void freeze(FreezeMode mode) {
        for (Map.Entry<Parameter, Boolean> e : trainableByDesign.entrySet()) {
            e.getKey().freeze(!e.getValue());
        }
        if (mode == FreezeMode.LOCATION_ENCODER) {
            locationEncoder.freezeParameters(true);
        } else if (mode == FreezeMode.POSITION_ENCODER) {
            locationEncoder.positionEncoder().freezeParameters(true);
        }
        freezeMode = mode;
    }

    public FreezeMode freezeMode() {
        return freezeMode;
    }

    /** Every parameter under its reference PyTorch name, in a stable order. */
    public Map<String, Parameter> referenceParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        locationEncoder.collectReferenceNames("loc_enc.", out);
        if (imageProjection != null) {
            imageProjection.collectReferenceNames(out);
        }
        if (classHead != null) {
            out.put("class_emb.weight", classHead.linear().weight());
        }
        if (imageClassifier != null) {
            out.put("img_cls.weight", imageClassifier.linear().weight());
            out.put("img_cls.bias", imageClassifier.linear().bias());
        }
        // guard: every DJL parameter must have exactly one reference name
        if (out.size() != getParameters().size()) {
            List<String> unnamed = new ArrayList<>();
            Map<Parameter, Boolean> named = new IdentityHashMap<>();
            out.values().forEach(p -> named.put(p, true));
            getParameters().forEach(p -> {
                if (!named.containsKey(p.getValue())) {
                    unnamed.add(p.getKey());
                }
            });
            throw new IllegalStateException("parameters without a reference name: " + unnamed);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        locationEncoder.initialize(manager, dataType, inputShapes[0]);
        if (imageProjection != null) {
            imageProjection.initialize(manager, dataType, new Shape(1, imageProjection.imageDim()));
        }
        if (classHead != null) {
            classHead.initialize(manager, dataType, new Shape(1, embeddingDim()));
        }
        if (imageClassifier != null) {
            imageClassifier.initialize(manager, dataType, new Shape(1, imageClassifier.imageDim()));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Shape> out = new ArrayList<>();
        long b = inputShapes[0].get(0);
        out.add(new Shape(b, embeddingDim()));
        if (classHead != null) {
            out.add(new Shape(b, classHead.numClasses()));
        }
        if (inputShapes.length > 1) {
            out.add(new Shape(inputShapes[1].get(0), embeddingDim()));
        }
        return out.toArray(new Shape[0]);
    }
}
