package org.storeuptime.core.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportRetentionTest {

    @Test
    void defaultsKeep500ReportsFor30Days() {
        assertThat(ReportRetention.DEFAULT).isEqualTo(ReportRetention.of(500, Duration.ofDays(30)));
    }

    @Test
    void rejectsNothingToKeep() {
        assertThatThrownBy(() -> ReportRetention.of(0, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1: 0");
        assertThatThrownBy(() -> ReportRetention.of(5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive: PT0S");
        assertThatThrownBy(() -> ReportRetention.of(5, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cutoffIsNowMinusTheAgeButNeverBeforeYearOne() {
        Instant now = Instant.parse("2024-03-10T07:00:00Z");
        assertThat(ReportRetention.of(1, Duration.ofDays(7)).cutoff(now)).isEqualTo(Instant.parse("2024-03-03T07:00:00Z"));
        Instant yearOne = Instant.parse("0001-01-01T00:00:00Z");
        assertThat(ReportRetention.of(1, Duration.ofDays(1_000_000)).cutoff(now)).isEqualTo(yearOne);
        assertThat(ReportRetention.of(1, Duration.ofSeconds(Long.MAX_VALUE)).cutoff(now)).isEqualTo(yearOne);
    }
}
