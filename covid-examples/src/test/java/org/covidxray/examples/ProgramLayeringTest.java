package org.covidxray.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples module's programs are thin callers of the library, checked on its compiled classes:
 * {@code cli}, {@code web}, {@code experiments} and {@code bench} know each other only through the
 * shared packages ({@code options}, {@code common}, {@code model}), only the root command wires them,
 * no program reaches an engine module directly, and none calls code by reflection or exits the JVM
 * below {@code main}.
 */
class ProgramLayeringTest {
    private static final String ROOT = "org.covidxray.examples";
    private static final List<String> PROGRAMS = List.of("cli", "web", "experiments", "bench");
    private static final String[] SHARED = {ROOT + ".options..", ROOT + ".common..", ROOT + ".model.."};
    private static final DescribedPredicate<JavaMethodCall> EXIT_OUTSIDE_MAIN =
            DescribedPredicate.describe("System.exit outside a main method", call ->
                    call.getTargetOwner().isEquivalentTo(System.class) && call.getName().equals("exit")
                            && !call.getOrigin().getName().equals("main"));
    private static JavaClasses examples;

    @BeforeAll
    static void importExamples() {
        examples = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void programsDoNotImportEachOther() {
        for (String program : PROGRAMS) {
            String[] others = PROGRAMS.stream().filter(p -> !p.equals(program)).map(p -> ROOT + "." + p + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + program + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("the programs meet only in the shared options, common and model packages")
                    .check(examples);
        }
    }

    @Test
    void onlyTheRootCommandWiresThePrograms() {
        String[] programs = PROGRAMS.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(SHARED).or().resideInAPackage(ROOT + ".quickstart..")
                .should().dependOnClassesThat().resideInAnyPackage(programs)
                .orShould().dependOnClassesThat().resideInAPackage(ROOT)
                .check(examples);
        noClasses().that().resideInAnyPackage(programs).should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("subcommands do not know the command that registers them")
                .check(examples);
    }

    @Test
    void noProgramUsesAnEngineDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.covidxray.djl..", "org.covidxray.dl4j..",
                        "ai.djl..", "org.deeplearning4j..", "org.nd4j..")
                .because("engines are found through the Backend SPI, so that any engine jar on the class path works")
                .check(examples);
    }

    @Test
    void noReflectiveCallsAndNoExitBelowMain() {
        noClasses().should().callMethod(Method.class, "invoke", Object.class, Object[].class)
                .because("programs call the library and each other's code directly, so the compiler checks the calls")
                .check(examples);
        noClasses().should().callMethodWhere(EXIT_OUTSIDE_MAIN)
                .because("a command returns its exit code; only a program's main may end the JVM")
                .check(examples);
    }
}
