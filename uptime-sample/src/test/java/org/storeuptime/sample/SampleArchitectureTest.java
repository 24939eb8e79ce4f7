package org.storeuptime.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.ModuleBoundaries;
import org.storeuptime.core.csv.internal.InputCsv;

/** The generator builds on the core's exported API and the JDK only. */
class SampleArchitectureTest {

    private static final JavaClasses SAMPLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.sample");

    private static final ModuleBoundaries MODULES = ModuleBoundaries.onTheClassPath()
            .requireModules("org.storeuptime.core", "org.storeuptime.sample");

    @Test
    void sampleDependsOnlyOnTheJdkAndTheCore() {
        assertThat(SAMPLE).isNotEmpty();
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.storeuptime.core..", "org.storeuptime.sample..")
                .check(SAMPLE);
    }

    @Test
    void sampleUsesOnlyTheExportedPackagesOfTheCore() {
        MODULES.onlyExportedPackagesUsedBy("org.storeuptime.sample", "org.storeuptime.sample..").check(SAMPLE);
    }

    @Test
    void theBoundaryRuleCatchesAUseOfTheCoresInternalPackage() {
        // a class compiled on the class path can reach the internal row reader; the rule must refuse it
        JavaClasses offender = new ClassFileImporter().importClasses(UsesTheInternalReader.class);
        assertThat(MODULES.onlyExportedPackagesUsedBy("org.storeuptime.sample", "org.storeuptime.sample..")
                .evaluate(offender).hasViolation()).isTrue();
    }

    @Test
    void moduleExportsOnlyTheGenerator() {
        ModuleDescriptor sample = MODULES.descriptor("org.storeuptime.sample");
        assertThat(sample.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("org.storeuptime.sample");
    }

    /** The offender of the test above. */
    static final class UsesTheInternalReader {
        String name(Path file) {
            return InputCsv.name(file);
        }
    }
}
