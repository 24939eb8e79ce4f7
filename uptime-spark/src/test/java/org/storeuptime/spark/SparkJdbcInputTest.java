package org.storeuptime.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.sample.SampleDataGenerator;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.TestDatabase;
import org.storeuptime.jdbc.UptimeDatabase;

/** The PostgreSQL input: the uptime-jdbc schema read through Spark's JDBC source in hash-partitioned reads. */
class SparkJdbcInputTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private final SparkSession spark = LocalSpark.get();

    @TempDir
    Path tmp;

    private SparkInput jdbcInput(int partitions) {
        TestDatabase db = DB.database();
        Properties props = new Properties();
        if (db.user() != null) {
            props.setProperty("user", db.user());
        }
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        // the sessions' zone differs from the JVM's and from UTC, so zone slips show up
        return SparkInput.jdbc(spark, db.urlWithSettings(), DB.schema(), props, partitions);
    }

    private static String report(SparkInput input, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SparkUptime uptime = SparkUptime.builder().partitions(3).build();
        (now == null ? uptime.report(input) : uptime.report(input, now)).writeCsv(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importedDataGivesTheSameBytesAsTheFiles() {
        Path dir = tmp.resolve("dst");
        // a week with the US fall-back, stores without polls, duplicates
        SampleDataGenerator.builder().stores(80).days(9).seed(5).now(Instant.parse("2024-11-05T03:00:00Z")).build()
                .generate(dir);
        UptimeDatabase database = DB.uptimeDatabase();
        database.importer().importFiles(InputFiles.inDirectory(dir));

        String expected = new String(CoreReports.csv(dir), StandardCharsets.UTF_8);
        assertThat(report(jdbcInput(4), null)).isEqualTo(expected);
        assertThat(report(jdbcInput(1), null)).isEqualTo(expected);
        Instant now = Instant.parse("2024-11-03T09:30:00Z");
        assertThat(report(jdbcInput(2), now))
                .isEqualTo(new String(CoreReports.csv(InputFiles.inDirectory(dir), now, ReportOptions.DEFAULTS),
                        StandardCharsets.UTF_8));
    }
}
