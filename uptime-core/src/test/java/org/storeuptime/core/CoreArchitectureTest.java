package org.storeuptime.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The core stays a pure domain: the JDK (java.sql only for SQLState) and commons-csv, and time comes from a Clock.
 * JSpecify's nullness annotations are allowed, and only at compile time ({@code requires static}).
 */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.core");

    @Test
    void coreDependsOnlyOnTheJdkAndCommonsCsv() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.apache.commons.csv..", "org.storeuptime.core..",
                        "org.jspecify.annotations..")
                .check(CORE);
    }

    @Test
    void everyExportedPackageIsNullMarked() {
        for (String pkg : List.of("org.storeuptime.core", "org.storeuptime.core.csv", "org.storeuptime.core.reports",
                "org.storeuptime.core.csv.internal")) {
            assertThat(CORE.getPackage(pkg).isAnnotatedWith(org.jspecify.annotations.NullMarked.class))
                    .as("%s is @NullMarked", pkg).isTrue();
        }
    }

    @Test
    void moduleExportsTheApiPackagesAndTheRowReadersOnlyToOurImporterAndSparkJob() {
        ModuleDescriptor core = ModuleBoundaries.onTheClassPath().requireModules("org.storeuptime.core")
                .descriptor("org.storeuptime.core");
        assertThat(core.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "java.sql", "org.apache.commons.csv", "org.jspecify");
        assertThat(core.requires()).filteredOn(r -> r.name().equals("org.jspecify"))
                .allSatisfy(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC));
        assertThat(core.exports()).extracting(e -> e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""))
                .containsExactlyInAnyOrder("org.storeuptime.core", "org.storeuptime.core.csv", "org.storeuptime.core.reports",
                        "org.storeuptime.core.csv.internal to [org.storeuptime.jdbc, org.storeuptime.spark]");
    }

    @Test
    void theInternalRowReadersAreUsedInTheCoreOnlyByItsLoader() {
        classes().that().resideInAPackage("org.storeuptime.core.csv.internal")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(
                        "org.storeuptime.core.csv.internal", "org.storeuptime.core.csv")
                .check(CORE);
    }

    @Test
    void coreNeverReadsTheSystemClockDirectly() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(CORE);
    }
}
