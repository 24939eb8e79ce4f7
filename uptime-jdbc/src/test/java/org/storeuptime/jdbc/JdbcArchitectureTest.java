package org.storeuptime.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.ModuleBoundaries;

/**
 * The adapter needs the core, jOOQ, pgjdbc, JSpecify's annotations and the JDK (java.sql) only, and hides its
 * generated jOOQ classes.
 */
class JdbcArchitectureTest {

    private static final JavaClasses JDBC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.jdbc");

    private static final ModuleBoundaries MODULES = ModuleBoundaries.onTheClassPath()
            .requireModules("org.storeuptime.core", "org.storeuptime.jdbc");

    @Test
    void jdbcDependsOnlyOnTheCoreJooqPgjdbcJspecifyAndTheJdk() {
        assertThat(JDBC).isNotEmpty();
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.sql..", "org.jooq..", "org.postgresql..", "org.jspecify..",
                        "org.storeuptime.core..", "org.storeuptime.jdbc..")
                .check(JDBC);
    }

    @Test
    void jdbcUsesOnlyThePackagesTheCoreExportsToIt() {
        MODULES.onlyExportedPackagesUsedBy("org.storeuptime.jdbc", "org.storeuptime.jdbc..").check(JDBC);
    }

    @Test
    void theGeneratedJooqClassesStayInside() {
        ModuleDescriptor jdbc = MODULES.descriptor("org.storeuptime.jdbc");
        assertThat(jdbc.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("org.storeuptime.jdbc");
        // jOOQ alone may reach them, reflectively
        assertThat(jdbc.opens()).allSatisfy(open -> {
            assertThat(open.source()).startsWith("org.storeuptime.jdbc.schema");
            assertThat(open.targets()).containsExactly("org.jooq");
        });
        classes().that().resideInAPackage("org.storeuptime.jdbc.schema..")
                .should().onlyHaveDependentClassesThat().resideInAPackage("org.storeuptime.jdbc..")
                .check(JDBC);
    }
}
