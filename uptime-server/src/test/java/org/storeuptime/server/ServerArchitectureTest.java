package org.storeuptime.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.ModuleBoundaries;

/**
 * The embeddable server needs the core, Javalin, Jackson and slf4j; uptime-jdbc and db-scheduler are optional and
 * used by the database-backed report service and cron schedules only, so that a host without them never loads them.
 */
class ServerArchitectureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.server");

    private static final ModuleBoundaries MODULES = ModuleBoundaries.onTheClassPath()
            .requireModules("org.storeuptime.core", "org.storeuptime.jdbc", "org.storeuptime.server");

    @Test
    void serverDependsOnlyOnTheCoreJavalinJacksonSlf4jMicrometerAndTheOptionalDatabaseParts() {
        assertThat(SERVER).isNotEmpty();
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.sql..", "org.storeuptime.core..", "org.storeuptime.server..",
                        "io.javalin..", "com.fasterxml.jackson..", "org.slf4j..",
                        // the nullness annotations of the packages
                        "org.jspecify.annotations..",
                        // the meters, into the host's own registry (micrometer-core's API only)
                        "io.micrometer.core.instrument..",
                        // Javalin's own server and servlet API, which it passes on (requires transitive)
                        "org.eclipse.jetty..", "jakarta.servlet..",
                        // optional, see the next rule
                        "org.storeuptime.jdbc..", "com.github.kagkarlsson..")
                .check(SERVER);
    }

    @Test
    void onlyTheDatabaseServiceAndTheCronScheduleUseTheOptionalDependencies() {
        // the ingest routes and their target too: a server loads them only when ingestion is configured
        noClasses().that().haveNameNotMatching("org\\.storeuptime\\.server\\.(reports\\."
                        + "(DatabaseReportService|ReportServiceBuilder|ReportSchedule|CronTrigger|PollRetention|PollPruning)"
                        + "|IngestRoutes|LiveIngestion)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.storeuptime.jdbc..", "com.github.kagkarlsson..")
                .because("uptime-jdbc and db-scheduler are optional: routes over an in-memory data set must run without them")
                .check(SERVER);
    }

    @Test
    void theReportJobsKnowNothingOfHttp() {
        noClasses().that().resideInAPackage("org.storeuptime.server.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("org.storeuptime.server", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta.servlet..")
                .because("the HTTP package uses the report jobs, never the other way round")
                .check(SERVER);
    }

    @Test
    void noCyclesBetweenTheHttpAndTheReportsPackages() {
        SliceAssignment httpAndReports = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals("org.storeuptime.server")) {
                    return SliceIdentifier.of("http");
                }
                return pkg.startsWith("org.storeuptime.server.reports") ? SliceIdentifier.of("reports")
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the HTTP package and the report jobs";
            }
        };
        slices().assignedFrom(httpAndReports).should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void theRoutesBesideTheMainOnesSeeThemOnlyThroughTheirSeam() {
        noClasses().that().haveSimpleNameStartingWith("LegacyApiRoutes").or().haveSimpleNameStartingWith("OpenApiRoute")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("UptimeRoutes")
                .because("UptimeRoutes mounts them: they reach it through MountedRoutes, so neither imports the other")
                .check(SERVER);
    }

    @Test
    void serverUsesOnlyTheExportedPackagesOfTheCoreAndJdbc() {
        MODULES.onlyExportedPackagesUsedBy("org.storeuptime.server", "org.storeuptime.server..").check(SERVER);
    }

    @Test
    void moduleRequiresTheDatabasePartsStaticallyOnly() {
        ModuleDescriptor server = MODULES.descriptor("org.storeuptime.server");
        assertThat(server.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("org.storeuptime.server", "org.storeuptime.server.reports");
        assertThat(server.requires()).filteredOn(r -> r.name().equals("org.storeuptime.jdbc")
                        || r.name().equals("com.github.kagkarlsson.scheduler"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.modifiers()).isEqualTo(Set.of(Requires.Modifier.STATIC)));
    }
}
