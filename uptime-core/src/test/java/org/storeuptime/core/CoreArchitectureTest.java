package org.storeuptime.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The core stays a pure domain: the JDK, commons-csv and slf4j-api only, and time comes from a Clock. */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.core");

    @Test
    void coreDependsOnlyOnTheJdkCommonsCsvAndSlf4j() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.apache.commons.csv..", "org.slf4j..", "org.storeuptime.core..")
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
