package org.geocsp.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.nn.StackSpec;

/**
 * Everything needed to rebuild a model's architecture, plus its labels and history: stored as
 * {@code model.json} in a model file next to the parameters.
 *
 * @param formatVersion version of the model file format this spec was written with
 * @param encoder the position encoder
 * @param stack the trainable stack
 * @param imageDim image feature dimension of the image projection; 0 for none
 * @param imageHiddenDims hidden widths of the image projection (empty: a single Linear)
 * @param classLabels class labels in class-index order (empty: no class head)
 * @param imageClassifierDim input width of the image classifier P(class | image embedding), a
 *     GeoCSP extension trained by fine-tuning next to the class head; 0 for none (files written
 *     before it existed read as 0)
 * @param stage training stage
 * @param provenance the typed record of the model's pre-training and fine-tuning (format 2; files of
 *     format 1 carried it as string keys in {@code metadata}, which are read into it on loading)
 * @param metadata free key/value metadata, order kept (notes of importers and users; training facts
 *     live in {@code provenance})
 */
public record ModelSpec(int formatVersion, EncoderSpec encoder, StackSpec stack, int imageDim,
        List<Integer> imageHiddenDims, List<String> classLabels, int imageClassifierDim, ModelStage stage,
        Provenance provenance, Map<String, String> metadata) {

    /** The model file format version this code writes. */
    public static final int FORMAT_VERSION = 2;
    /** The format versions this code reads (1: training facts as string metadata keys). */
    public static final Set<Integer> READABLE_VERSIONS = Set.of(1, 2);

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    public ModelSpec {
        List<String> problems = new ArrayList<>();
        if (encoder == null) {
            problems.add("position encoder settings are missing");
        }
        if (stack == null) {
            problems.add("network settings are missing");
        }
        if (imageDim < 0) {
            problems.add("image feature dimension must be 0 (none) or positive, got " + imageDim);
        }
        imageHiddenDims = imageHiddenDims == null ? List.of() : List.copyOf(imageHiddenDims);
        for (int h : imageHiddenDims) {
            if (h < 1) {
                problems.add("hidden widths of the image projection must be positive, got " + h);
            }
        }
        if (imageDim == 0 && !imageHiddenDims.isEmpty()) {
            problems.add("image projection hidden layers are set but there is no image projection (image dimension 0)");
        }
        classLabels = classLabels == null ? List.of() : List.copyOf(classLabels);
        Set<String> seen = new HashSet<>();
        List<String> dup = new ArrayList<>();
        for (String c : classLabels) {
            if (!seen.add(c) && dup.size() < 5) {
                dup.add("'" + c + "'");
            }
        }
        if (!dup.isEmpty()) {
            problems.add("class labels must be unique; repeated: " + String.join(", ", dup));
        }
        if (imageClassifierDim < 0) {
            problems.add("image classifier width must be 0 (none) or positive, got " + imageClassifierDim);
        }
        if (imageClassifierDim > 0 && classLabels.isEmpty()) {
            problems.add("an image classifier needs class labels, the model has none");
        }
        if (stage == null) {
            stage = ModelStage.INITIALISED;
        }
        if (provenance == null) {
            provenance = Provenance.NONE;
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** A new, untrained model of the current format version without heads. */
    public static ModelSpec of(EncoderSpec encoder, StackSpec stack) {
        return new ModelSpec(FORMAT_VERSION, encoder, stack, 0, List.of(), List.of(), 0, ModelStage.INITIALISED,
                Provenance.NONE, Map.of());
    }

    public int numClasses() {
        return classLabels.size();
    }

    public ModelSpec withImageDim(int dim, List<Integer> hiddenDims) {
        return new ModelSpec(formatVersion, encoder, stack, dim, hiddenDims, classLabels, imageClassifierDim, stage,
                provenance, metadata);
    }

    /** New class labels; an image classifier is dropped (it belonged to the old classes). */
    public ModelSpec withClassLabels(List<String> labels) {
        return new ModelSpec(formatVersion, encoder, stack, imageDim, imageHiddenDims, labels, 0, stage, provenance,
                metadata);
    }

    /** An image classifier over embeddings of width {@code dim} (0: none); needs class labels. */
    public ModelSpec withImageClassifier(int dim) {
        return new ModelSpec(formatVersion, encoder, stack, imageDim, imageHiddenDims, classLabels, dim, stage,
                provenance, metadata);
    }

    public boolean hasImageClassifier() {
        return imageClassifierDim > 0;
    }

    public ModelSpec withStage(ModelStage s) {
        return new ModelSpec(formatVersion, encoder, stack, imageDim, imageHiddenDims, classLabels, imageClassifierDim,
                s, provenance, metadata);
    }

    public ModelSpec withMetadata(Map<String, String> m) {
        return new ModelSpec(formatVersion, encoder, stack, imageDim, imageHiddenDims, classLabels, imageClassifierDim,
                stage, provenance, m);
    }

    /** This spec with another provenance record. */
    public ModelSpec withProvenance(Provenance p) {
        return new ModelSpec(formatVersion, encoder, stack, imageDim, imageHiddenDims, classLabels, imageClassifierDim,
                stage, p, metadata);
    }

    /** This spec with the current format version (what a save writes). */
    ModelSpec withCurrentFormatVersion() {
        return new ModelSpec(FORMAT_VERSION, encoder, stack, imageDim, imageHiddenDims, classLabels,
                imageClassifierDim, stage, provenance, metadata);
    }

    /** This spec with one metadata entry added or replaced. */
    public ModelSpec withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return withMetadata(m);
    }

    /** True if both specs build networks with the same parameters (shapes and names). */
    public boolean sameArchitecture(ModelSpec o) {
        return encoder.equals(o.encoder) && stack.equals(o.stack) && imageDim == o.imageDim
                && imageHiddenDims.equals(o.imageHiddenDims) && classLabels.size() == o.classLabels.size()
                && imageClassifierDim == o.imageClassifierDim;
    }

    /** The JSON form ({@code model.json}). */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Parses {@code model.json}.
     *
     * @throws ModelFileException if the text is not a model spec, or if its format version is not
     *     one this code reads (the message names both versions)
     */
    public static ModelSpec fromJson(String json) throws ModelFileException {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new ModelFileException("model description is not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelFileException("model description is not valid JSON: " + e.getMessage(), e);
        }
        if (!o.has("formatVersion") || !o.get("formatVersion").isJsonPrimitive()) {
            throw new ModelFileException("model description has no formatVersion; it was not written by GeoCSP");
        }
        int v;
        try {
            v = new java.math.BigDecimal(o.get("formatVersion").getAsString().strip()).intValueExact();
        } catch (RuntimeException e) {
            throw new ModelFileException("model description: field formatVersion is '" + o.get("formatVersion")
                    .getAsString() + "', not a whole number", e);
        }
        if (!READABLE_VERSIONS.contains(v)) {
            throw new ModelFileException("the model file has format version " + v + ", but this version of GeoCSP"
                    + " reads format version " + FORMAT_VERSION + (v > FORMAT_VERSION
                            ? "; it was written by a newer GeoCSP, please update GeoCSP to open it"
                            : "; it was written by an older GeoCSP that is no longer supported, re-create the model"));
        }
        try {
            ModelSpec spec = GSON.fromJson(o, ModelSpec.class);
            return v == 1 ? LegacyMetadata.upgrade(spec) : spec;
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c.getCause() != null && !(c instanceof InvalidInputException)) {
                c = c.getCause();
            }
            throw new ModelFileException("model description is invalid: " + c.getMessage(), e);
        }
    }
}
