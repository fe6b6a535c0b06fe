package org.geocsp.knime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.model.TrainingHistory;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;

/**
 * Texts and tables that describe a model for the model port's summary and view: a one-line
 * summary, the architecture as property/value pairs and the training history stored in the
 * model's metadata by core's trainers.
 */
public final class ModelSummary {

    /** Metadata keys of the training histories (JSON arrays of epoch statistics). */
    public static final List<ModelStage> HISTORY_STAGES = TrainingHistory.STAGES;

    /** A small table. */
    public record Table(List<String> columns, List<Object[]> rows) {}

    private ModelSummary() {}

    /**
     * One line, e.g. "Sphere2Vec-sphereC+ + FFN, 256-d embedding, PRETRAINED, image width 2048, 5 classes".
     *
     * @param imageDimKnown false when the image width is decided only at execution
     * @param labelsKnown false when the class labels are decided only at execution
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

    /** The architecture and labels as (property, value) rows. */
    public static Table architecture(ModelSpec spec, boolean imageDimKnown, boolean labelsKnown) {
        List<Object[]> r = new ArrayList<>();
        EncoderSpec e = spec.encoder();
        StackSpec s = spec.stack();
        r.add(new Object[] {"stage", spec.stage().name()});
        r.add(new Object[] {"position encoder", e.name()});
        r.add(new Object[] {"frequency_num / min_radius / max_radius / freq_init",
            e.frequencyNum() + " / " + e.minRadius() + " / " + e.maxRadius() + " / "
                    + e.freqInit().name().toLowerCase(Locale.ROOT)});
        r.add(new Object[] {"legendre_polys / kernel_size / num_anchors / tile_size",
            e.legendrePolys() + " / " + e.kernelSize() + " / " + e.numAnchors() + " / " + e.tileSizeDeg()});
        r.add(new Object[] {"encoder seed", Long.toString(e.seed())});
        r.add(new Object[] {"network", s.kind() + ", " + s.hiddenLayers() + " hidden layer(s) of " + s.hiddenDim()
                + (s.kind() == StackKind.SIREN ? ", w0 " + s.sirenW0Initial() + "/" + s.sirenW0()
                        : ", " + s.activation().referenceName())
                + ", dropout " + s.dropout() + (s.layerNorm() ? ", layer norm" : "")
                + (s.skipConnection() ? ", skip connections" : "")});
        r.add(new Object[] {"embedding dimension", Integer.toString(s.outputDim())});
        r.add(new Object[] {"image-embedding width", !imageDimKnown ? "known after execution"
                : spec.imageDim() == 0 ? "none (no image projection yet)" : Integer.toString(spec.imageDim())});
        r.add(new Object[] {"classes", !labelsKnown ? "known after execution"
                : spec.numClasses() == 0 ? "none (no class head)" : spec.numClasses() + ": " + labels(spec)});
        r.add(new Object[] {"image classifier", spec.hasImageClassifier()
                ? "P(class | image) on image embeddings of width " + spec.imageClassifierDim()
                : "none (give image class probabilities to combine)"});
        r.add(new Object[] {"model file format", Integer.toString(spec.formatVersion())});
        for (Map.Entry<String, String> m : spec.provenance().summary().entrySet()) {
            r.add(new Object[] {m.getKey(), m.getValue()});
        }
        for (Map.Entry<String, String> m : spec.metadata().entrySet()) {
            r.add(new Object[] {m.getKey(), m.getValue()});
        }
        return new Table(List.of("property", "value"), r);
    }

    private static String labels(ModelSpec spec) {
        List<String> l = spec.classLabels();
        return l.size() <= 20 ? String.join(", ", l) : String.join(", ", l.subList(0, 20)) + ", ...";
    }

    /**
     * The training history of one stage (from {@link #HISTORY_STAGES}), one row per epoch; empty
     * if the model has none (core's {@link TrainingHistory}).
     */
    public static Table history(ModelSpec spec, ModelStage stage) {
        TrainingHistory.Table t = TrainingHistory.of(spec, stage);
        return new Table(t.columns(), t.rows());
    }
}
