package org.storeuptime.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.ReportOptions;

/** Cron schedules: fire times on the injected clock and in the schedule's zone, and the expressions refused. */
class ReportScheduleTest {

    @Test
    void cronFireTimesFollowTheExpressionAndTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.parse("2024-03-10T06:59:59.500Z"), ZoneOffset.UTC);
        CronTrigger trigger = new CronTrigger(ReportSchedule.cron("0 0 * * * *"), clock, t -> { });
        assertThat(trigger.nextFireTime(clock.instant())).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(trigger.nextFireTime(Instant.parse("2024-03-10T07:00:00Z")))
                .isEqualTo(Instant.parse("2024-03-10T08:00:00Z"));
        trigger.close();
        CronTrigger chicago = new CronTrigger(new ReportSchedule("0 30 6 * * MON-FRI",
                ZoneId.of("America/Chicago"), ReportOptions.DEFAULTS), clock, t -> { });
        // Sunday 2024-03-10 is the day Chicago springs forward; the next weekday 06:30 is Monday at UTC-5
        assertThat(chicago.nextFireTime(clock.instant())).isEqualTo(Instant.parse("2024-03-11T11:30:00Z"));
        chicago.close();
    }

    @Test
    void scheduleRejectsBadCron() {
        assertThatThrownBy(() -> ReportSchedule.cron("0 * * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> ReportSchedule.cron("0 0 25 * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cron");
    }

    @Test
    void scheduleThatNeverFiresIsRefused() {
        // 31 February: a valid expression whose fire time never comes; a server would wait for it forever
        assertThatThrownBy(() -> ReportSchedule.cron("0 0 0 31 2 *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron '0 0 0 31 2 *' never fires (no such date)");
        assertThatThrownBy(() -> new ReportSchedule("0 0 0 30 2 ?", ZoneId.of("Europe/Paris"), ReportOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never fires");
        assertThat(ReportSchedule.cron("0 0 0 29 2 *").cron()).isEqualTo("0 0 0 29 2 *");
    }
}
