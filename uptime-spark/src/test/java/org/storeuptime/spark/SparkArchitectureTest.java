package org.storeuptime.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.ModuleBoundaries;

/**
 * The Spark job needs the core, Spark (with its Scala library and Hadoop's file systems), picocli for its command
 * line, JSpecify's annotations and the JDK. It has no
 * module descriptor (Spark's jars cannot be modules, see docs/spark.md) but goes by the automatic module name
 * {@code org.storeuptime.spark}, to which the core exports its row readers.
 */
class SparkArchitectureTest {

    private static final JavaClasses SPARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.storeuptime.spark");

    @Test
    void sparkJobDependsOnlyOnTheCoreSparkScalaHadoopPicocliAndTheJdk() {
        assertThat(SPARK).isNotEmpty();
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.storeuptime.core..", "org.storeuptime.spark..",
                        "org.apache.spark..", "scala..", "org.apache.hadoop..", "picocli..", "org.jspecify..")
                .check(SPARK);
    }

    @Test
    void sparkJobUsesOnlyWhatTheCoreExportsToIt() {
        ModuleBoundaries.onTheClassPath().requireModules("org.storeuptime.core")
                .onlyExportedPackagesUsedBy("org.storeuptime.spark", "org.storeuptime.spark..")
                .check(SPARK);
    }
}
