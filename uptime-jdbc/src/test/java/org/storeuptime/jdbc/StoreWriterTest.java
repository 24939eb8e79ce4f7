package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.csv.InputFiles;

class StoreWriterTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();
    @RegisterExtension
    static final DatabaseSchemaExtension IMPORTED = new DatabaseSchemaExtension();

    private StoreWriter writer;

    @BeforeEach
    void emptyTables() throws Exception {
        LiveTables.empty(DB.dataSource(), DB.schema());
        LiveTables.empty(IMPORTED.dataSource(), IMPORTED.schema());
        writer = DB.uptimeDatabase().stores();
    }

    private List<String> rows(String table) throws Exception {
        return LiveTables.contents(DB.dataSource(), DB.schema()).get(table);
    }

    private static OpeningPeriod period(int day, int from, int to) {
        return OpeningPeriod.of(day, LocalTime.of(from, 0), LocalTime.of(to, 0));
    }

    @Test
    void replacesHoursAndCreatesTheStore() throws Exception {
        writer.replaceHours("s1", List.of(period(0, 9, 17), period(1, 9, 12), period(1, 13, 17), period(0, 9, 17)));
        assertThat(rows("store")).containsExactly("(s1)");
        assertThat(rows("store_business_hour")).containsExactly("(s1,0,09:00:00,17:00:00)", "(s1,1,09:00:00,12:00:00)",
                "(s1,1,13:00:00,17:00:00)");

        writer.replaceHours("s1", List.of(period(6, 8, 20)));
        assertThat(rows("store_business_hour")).containsExactly("(s1,6,08:00:00,20:00:00)");
    }

    @Test
    void emptyHoursMeanOpenAllDayLongAndLeaveOtherStoresAlone() throws Exception {
        writer.replaceHours("s1", List.of(period(0, 9, 17)));
        writer.replaceHours("s2", List.of(period(2, 9, 17)));
        writer.replaceHours("s1", List.of());
        assertThat(rows("store_business_hour")).containsExactly("(s2,2,09:00:00,17:00:00)");
        assertThat(rows("store")).containsExactly("(s1)", "(s2)");
    }

    @Test
    void replacesTheTimeZoneAndCreatesTheStore() throws Exception {
        writer.replaceTimeZone("s1", ZoneId.of("Europe/Berlin"));
        assertThat(rows("store")).containsExactly("(s1)");
        assertThat(rows("store_timezone")).containsExactly("(s1,Europe/Berlin)");
        writer.replaceTimeZone("s1", ZoneId.of("Asia/Kolkata"));
        writer.replaceTimeZone("s1", ZoneId.of("Asia/Kolkata"));
        assertThat(rows("store_timezone")).containsExactly("(s1,Asia/Kolkata)");
        assertThat(rows("store_poll_summary_state")).containsExactly("(t,f)");
    }

    @Test
    void leavesTheDatabaseAsAnImportOfTheSameRows(@TempDir Path dir) throws Exception {
        writer.replaceHours("s1", List.of(period(0, 9, 17), period(3, 22, 2)));
        writer.replaceHours("s2", List.of(OpeningPeriod.of(DayOfWeek.SUNDAY, LocalTime.of(10, 30), LocalTime.of(10, 30))));
        writer.replaceTimeZone("s2", ZoneId.of("America/Denver"));
        writer.replaceTimeZone("s3", ZoneId.of("Asia/Kathmandu"));

        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), "store_id,status,timestamp_utc\n");
        Files.writeString(dir.resolve(InputFiles.HOURS_FILE), "store_id,dayOfWeek,start_time_local,end_time_local\n"
                + "s1,0,09:00:00,17:00:00\ns1,3,22:00:00,02:00:00\ns2,6,10:30:00,10:30:00\n");
        Files.writeString(dir.resolve(InputFiles.TIMEZONES_FILE),
                "store_id,timezone_str\ns2,America/Denver\ns3,Asia/Kathmandu\n");
        IMPORTED.uptimeDatabase().importer().importFiles(InputFiles.inDirectory(dir));

        assertThat(LiveTables.contents(DB.dataSource(), DB.schema()))
                .isEqualTo(LiveTables.contents(IMPORTED.dataSource(), IMPORTED.schema()));
    }
}
