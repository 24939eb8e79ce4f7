package org.storeuptime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.reports.ReportRecord;

class ScheduledReportTest {

    @Test
    void everySecondScheduleProducesDistinctCompleteReports() throws Exception {
        StoreDataSet data = SampleData.load(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<ReportRecord> reports = ScheduledReport.run(data, "* * * * * *", 2, Duration.ofSeconds(30),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).id()).isNotEqualTo(reports.get(1).id());
        assertThat(reports).allSatisfy(r -> assertThat(r.storeCount()).isEqualTo(10));
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2).allMatch(l -> l.contains("complete"));
    }
}
