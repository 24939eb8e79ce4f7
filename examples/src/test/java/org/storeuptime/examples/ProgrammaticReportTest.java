package org.storeuptime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgrammaticReportTest {

    @Test
    void printsTheWorkedExampleOfTheRules() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgrammaticReport.run(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,"
                        + "downtime_last_week\n"
                        // worked example: last hour all after the midpoint 10:44:30; day 1.26 h up, 1.74 h down
                        + "1001,60.00,1.26,1.26,0.00,1.74,1.74\n"
                        // open 24/7: the first poll (active) holds back to the week's start, until the midpoint
                        // 12:00 UTC; inactive from there to now (18:00): 6 h down, the rest of the week up
                        + "1002,0.00,18.00,162.00,60.00,6.00,6.00\n");
    }
}
