package org.geocsp.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of core (docs/architecture.md): no package cycles, and the ground floor
 * ({@code io}, {@code geo}, {@code table}, {@code runtime}) imports nothing above it, so
 * that a change to a rule, a reader or the engine start-up has one place to go.
 */
class ArchitectureTest {

    /** The ground floor: every other package of core may use these; they use only each other. */
    static final String[] GROUND = {"org.geocsp.core.io..", "org.geocsp.core.geo..", "org.geocsp.core.table..",
        "org.geocsp.core.runtime.."};

    /** The packages above the ground floor. */
    static final String[] ABOVE = {"org.geocsp.core.encode..", "org.geocsp.core.nn..", "org.geocsp.core.loss..",
        "org.geocsp.core.data..", "org.geocsp.core.train..", "org.geocsp.core.predict..", "org.geocsp.core.eval..",
        "org.geocsp.core.model..", "org.geocsp.core.report..", "org.geocsp.core.sample..", "org.geocsp.core.image..",
        "org.geocsp.core.settings.."};

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.geocsp.core");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.geocsp.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void groundFloorImportsNothingAboveIt() {
        noClasses().that().resideInAnyPackage(GROUND).should().dependOnClassesThat().resideInAnyPackage(ABOVE)
                .check(core);
    }

    @Test
    void coreKnowsNoFrontEndAndNoChartLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.geocsp.cli..", "org.geocsp.knime..",
                "org.geocsp.bench..", "org.geocsp.spark..", "org.knime..", "org.jfree..", "picocli..")
                .check(core);
    }

    /** Prediction reads what training recorded through the model's typed provenance, never the trainers. */
    @Test
    void predictionDoesNotDependOnTraining() {
        noClasses().that().resideInAPackage("org.geocsp.core.predict..").should().dependOnClassesThat()
                .resideInAPackage("org.geocsp.core.train..").check(core);
    }

    /** The model (file format, spec, provenance) knows nothing of training or prediction. */
    @Test
    void modelDoesNotDependOnTrainingOrPrediction() {
        noClasses().that().resideInAPackage("org.geocsp.core.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.geocsp.core.train..", "org.geocsp.core.predict..").check(core);
    }
}
