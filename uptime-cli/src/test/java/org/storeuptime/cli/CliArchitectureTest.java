package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.ModuleBoundaries;

/**
 * The command may use every library and module of the build, but only through what each module exports: it is
 * an application on the class path (an executable jar), so nothing else would stop it from reaching inside.
 */
class CliArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.cli");

    @Test
    void cliUsesOnlyTheExportedPackagesOfOurModules() {
        assertThat(CLI).isNotEmpty();
        ModuleBoundaries.onTheClassPath()
                .requireModules("org.storeuptime.core", "org.storeuptime.sample", "org.storeuptime.jdbc",
                        "org.storeuptime.server")
                // not a named module: the name it would go by, to which nothing is exported by name
                .onlyExportedPackagesUsedBy("org.storeuptime.cli", "org.storeuptime.cli..")
                .check(CLI);
    }
}
