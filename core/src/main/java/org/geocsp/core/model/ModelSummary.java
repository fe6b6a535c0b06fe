package org.geocsp.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;

/**
 * The description of a model for people, the one home of its wording: a one-line summary and the
 * architecture, labels and provenance as ordered (label, value) rows. Front ends only lay the rows
 * out (the KNIME model port's summary and view); the training histories are {@link TrainingHistory}.
 */
public final class ModelSummary {

    /** One row of the description. */
    public record Row(String label, String value) {}

    /** Classes quoted before "...". */
    static final int LABELS_SHOWN = 20;

    private ModelSummary() {}

    /**
     * One line, e.g. "Sphere2Vec-sphereC+ + FFN, 256-d embedding, PRETRAINED, image width 2048, 5 classes".
     *
     * @param imageDimKnown false when the image width is decided only when the model is trained
     * @param labelsKnown false when the class labels are decided only when the model is trained
     */
    public static String oneLine(ModelSpec spec, boolean imageDimKnown, boolean labelsKnown) {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.encoder().name()).append(" + ").append(spec.stack().kind()).append(", ")
                .append(spec.stack().outputDim()).append("-d embedding, ").append(spec.stage());
        if (!imageDimKnown) {
            sb.append(", image width known after execution");
        } else if (spec.imageDim() > 0) {
            sb.append(", image width ").append(spec.imageDim());
        }
        if (!labelsKnown) {
            sb.append(", classes known after execution");
        } else if (spec.numClasses() > 0) {
            sb.append(", ").append(spec.numClasses()).append(" classes");
        }
        if (spec.hasImageClassifier()) {
            sb.append(", image classifier (width ").append(spec.imageClassifierDim()).append(')');
        }
        return sb.toString();
    }

    /** The fully known model's rows. */
    public static List<Row> rows(ModelSpec spec) {
        return rows(spec, true, true);
    }

    /**
     * The architecture, labels, file format, provenance and metadata as (label, value) rows in
     * display order.
     *
     * @param imageDimKnown false when the image width is decided only when the model is trained
     * @param labelsKnown false when the class labels are decided only when the model is trained
     */
    public static List<Row> rows(ModelSpec spec, boolean imageDimKnown, boolean labelsKnown) {
        List<Row> r = new ArrayList<>();
        EncoderSpec e = spec.encoder();
        StackSpec s = spec.stack();
        r.add(new Row("stage", spec.stage().name()));
        r.add(new Row("position encoder", e.name()));
        r.add(new Row("frequency_num / min_radius / max_radius / freq_init", e.frequencyNum() + " / " + e.minRadius()
                + " / " + e.maxRadius() + " / " + e.freqInit().name().toLowerCase(Locale.ROOT)));
        r.add(new Row("legendre_polys / kernel_size / num_anchors / tile_size",
                e.legendrePolys() + " / " + e.kernelSize() + " / " + e.numAnchors() + " / " + e.tileSizeDeg()));
        r.add(new Row("encoder seed", Long.toString(e.seed())));
        r.add(new Row("network", s.kind() + ", " + s.hiddenLayers() + " hidden layer(s) of " + s.hiddenDim()
                + (s.kind() == StackKind.SIREN ? ", w0 " + s.sirenW0Initial() + "/" + s.sirenW0()
                        : ", " + s.activation().referenceName())
                + ", dropout " + s.dropout() + (s.layerNorm() ? ", layer norm" : "")
                + (s.skipConnection() ? ", skip connections" : "")));
        r.add(new Row("embedding dimension", Integer.toString(s.outputDim())));
        r.add(new Row("image-embedding width", !imageDimKnown ? "known after execution"
                : spec.imageDim() == 0 ? "none (no image projection yet)" : Integer.toString(spec.imageDim())));
        r.add(new Row("classes", !labelsKnown ? "known after execution"
                : spec.numClasses() == 0 ? "none (no class head)" : spec.numClasses() + ": " + labels(spec)));
        r.add(new Row("image classifier", spec.hasImageClassifier()
                ? "P(class | image) on image embeddings of width " + spec.imageClassifierDim()
                : "none (give image class probabilities to combine)"));
        r.add(new Row("model file format", Integer.toString(spec.formatVersion())));
        for (Map.Entry<String, String> m : spec.provenance().summary().entrySet()) {
            r.add(new Row(m.getKey(), m.getValue()));
        }
        for (Map.Entry<String, String> m : spec.metadata().entrySet()) {
            r.add(new Row(m.getKey(), m.getValue()));
        }
        return List.copyOf(r);
    }

    private static String labels(ModelSpec spec) {
        List<String> l = spec.classLabels();
        return l.size() <= LABELS_SHOWN ? String.join(", ", l)
                : String.join(", ", l.subList(0, LABELS_SHOWN)) + ", ...";
    }
}
