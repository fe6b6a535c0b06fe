package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.table.ColumnInfo;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, point 1, through the KNIME-free layer: the vector width Sample Places declares travels
 * with the column spec (element names), so the Fine-Tuner's output spec has the image classifier
 * and the Location Predictor configures from specs alone; where the width (or the classes) is not
 * known before execution the image classifier is marked unknown and the Predictor defers its check.
 */
class SpecWidthTest {

    private static final List<String> COUNTRIES = List.of("DE", "FR", "IT");

    /** The columns downstream nodes see: element names written by the spec, the width read back from them. */
    private static List<ColumnInfo> throughSpecs(List<ColumnInfo> declared) {
        List<ColumnInfo> out = new ArrayList<>();
        for (ColumnInfo c : declared) {
            out.add(new ColumnInfo(c.name(), c.type(), c.isVector()
                    ? ColumnInfo.widthOfElementNames(c.elementNames()) : 1));
        }
        return out;
    }

    private static ModelSpecFacts pretrained(int imageDim) {
        return ModelSpecFacts.complete(ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp())
                .withImageDim(imageDim, List.of()));
    }

    private static FineTunerConfig fineTuner() {
        return new FineTunerConfig(FineTunerConfig.defaults().values()
                .with(FineTunerConfig.LABEL, SamplePlacesConfig.COL_COUNTRY)
                .with(FineTunerConfig.EMBEDDING.column, SamplePlacesConfig.COL_EMBEDDING));
    }

    private static LocationPredictorConfig predictor() {
        return new LocationPredictorConfig(LocationPredictorConfig.defaults().values()
                .with(LocationPredictorConfig.IMAGE_MODE, LocationPredictorConfig.IMAGE_EMBEDDING)
                .with(LocationPredictorConfig.IMAGE_EMBEDDING_COLUMNS.column, SamplePlacesConfig.COL_EMBEDDING));
    }

    @Test
    void samplePlacesWidthReachesThePredictorAtConfigureTime() throws ConfigException {
        SamplePlacesConfig sp = new SamplePlacesConfig(SamplePlacesConfig.defaults().values()
                .with(SamplePlacesConfig.EMBEDDING_WIDTH, 48));
        List<ColumnInfo> table = throughSpecs(sp.outputColumns());
        ColumnInfo emb = table.get(table.size() - 1);
        assertEquals(48, emb.width(), "the element names carry the width");
        assertEquals(48, sp.outputColumns().get(table.size() - 1).elementNames().size());

        FineTunerConfig ft = fineTuner();
        DataColumns cols = ft.resolveColumns(table);
        ModelSpecFacts out = ft.outputSpec(pretrained(48), COUNTRIES, cols);
        assertTrue(out.imageClassifierKnown());
        assertEquals(48, out.imageClassifierDimOrUnknown());
        assertTrue(out.spec().hasImageClassifier());

        LocationPredictorConfig.Inputs in = predictor().resolveColumns(table, out.spec().classLabels(),
                out.imageClassifierDimOrUnknown());
        assertEquals(48, in.imageEmbedding().width());
    }

    @Test
    void unknownWidthDefersTheImageClassifierCheckToExecution() throws ConfigException {
        List<ColumnInfo> table = List.of(ColumnInfo.of("longitude", org.geocsp.core.table.ColumnType.DOUBLE),
                ColumnInfo.of("latitude", org.geocsp.core.table.ColumnType.DOUBLE),
                ColumnInfo.of("country", org.geocsp.core.table.ColumnType.STRING),
                new ColumnInfo("name_embedding", org.geocsp.core.table.ColumnType.NUMBER_LIST, -1));
        assertEquals(List.of(), new ColumnInfo("v", org.geocsp.core.table.ColumnType.NUMBER_LIST, -1).elementNames());
        FineTunerConfig ft = fineTuner();
        ModelSpecFacts out = ft.outputSpec(pretrained(32), COUNTRIES, ft.resolveColumns(table));
        assertFalse(out.imageClassifierKnown(), "width not known before execution");
        assertEquals(-1, out.imageClassifierDimOrUnknown());
        // configure: no "model has no image classifier"
        predictor().resolveColumns(table, out.spec().classLabels(), out.imageClassifierDimOrUnknown());
        // execution: the executed model decides (here: none, so it is refused then)
        ConfigException e = assertThrows(ConfigException.class,
                () -> predictor().resolveColumns(table, COUNTRIES, 0));
        assertTrue(e.getMessage().contains("the model has no image classifier"), e.getMessage());

        ModelSpecFacts noDomain = ft.outputSpec(pretrained(32), List.of(), ft.resolveColumns(throughSpecs(
                new SamplePlacesConfig(SamplePlacesConfig.defaults().values()).outputColumns())));
        assertFalse(noDomain.labelsKnown());
        assertFalse(noDomain.imageClassifierKnown(), "classes not known: the classifier is not known either");
    }

    @Test
    void withoutAnImageEmbeddingTheModelHasKnownlyNoImageClassifier() throws ConfigException {
        List<ColumnInfo> table = throughSpecs(new SamplePlacesConfig(SamplePlacesConfig.defaults().values())
                .outputColumns());
        FineTunerConfig ft = new FineTunerConfig(FineTunerConfig.defaults().values()
                .with(FineTunerConfig.LABEL, SamplePlacesConfig.COL_COUNTRY));
        ModelSpecFacts out = ft.outputSpec(pretrained(32), COUNTRIES, ft.resolveColumns(table));
        assertTrue(out.imageClassifierKnown());
        assertEquals(0, out.imageClassifierDimOrUnknown());
        ConfigException e = assertThrows(ConfigException.class, () -> predictor().resolveColumns(table, COUNTRIES,
                out.imageClassifierDimOrUnknown()));
        assertTrue(e.getMessage().contains("no image classifier"), e.getMessage());
    }
}
