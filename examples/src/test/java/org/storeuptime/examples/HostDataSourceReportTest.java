package org.storeuptime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.TestDatabase;

class HostDataSourceReportTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    @Test
    void importsTheSampleIntoTheHostsPoolAndReportsWhatTheEngineComputesInMemory() throws Exception {
        TestDatabase database = DB.database();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.urlWithSettings());
        config.setMaximumPoolSize(6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        byte[] csv;
        try (HikariDataSource pool = new HikariDataSource(config)) {
            csv = HostDataSourceReport.run(pool, DB.schema(), HostDataSourceReport.sampleData(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));
        }
        byte[] expected = ReportCsv.toBytes(UptimeEngine.create().report(InputLoader.load(
                InputFiles.inDirectory(HostDataSourceReport.sampleData()), LoadOptions.STRICT).data()));
        assertThat(csv).isEqualTo(expected);
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("applied versions [1, 2, 3, 4, 5, 6, 7]").contains("40 stores");
    }
}
