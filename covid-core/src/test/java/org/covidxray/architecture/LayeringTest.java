package org.covidxray.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of covid-core, checked on its compiled classes: no package cycles, no engine or
 * program imported, the engine SPI above the model and below training.
 */
class LayeringTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.covidxray");
    }

    @Test
    void corePackagesFormNoCycle() {
        slices().matching("org.covidxray.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void coreImportsNoEngineAndNoProgram() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.covidxray.djl..", "org.covidxray.dl4j..",
                        "org.covidxray.examples..", "ai.djl..", "org.deeplearning4j..", "org.nd4j..")
                .check(core);
    }

    @Test
    void theModelKnowsNoEngineNoTrainingAndNoEvaluation() {
        noClasses().that().resideInAPackage("org.covidxray.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.covidxray.engine..", "org.covidxray.training..", "org.covidxray.evaluation..",
                        "org.covidxray.report..")
                .check(core);
    }

    @Test
    void theEngineSpiDoesNotKnowTheTrainingLoop() {
        noClasses().that().resideInAPackage("org.covidxray.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("org.covidxray.training..", "org.covidxray.evaluation..")
                .check(core);
    }

    @Test
    void metricsDataImageAndIoStandAlone() {
        noClasses().that().resideInAnyPackage("org.covidxray.metrics..", "org.covidxray.data..", "org.covidxray.image..",
                        "org.covidxray.io..").should().dependOnClassesThat()
                .resideInAnyPackage("org.covidxray.model..", "org.covidxray.engine..", "org.covidxray.training..",
                        "org.covidxray.evaluation..", "org.covidxray.report..", "org.covidxray.saliency..",
                        "org.covidxray.gate..")
                .check(core);
    }
}
