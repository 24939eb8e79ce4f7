package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intervals written as minutes after a fixed instant: {@code 0-10} is {@code [T, T+10min)}. */
class TimeIntervalTest {

    private static final Instant T = Instant.parse("2024-01-15T12:00:00Z");

    @ParameterizedTest(name = "{0} and {1}: overlaps {2}, abuts {3}, intersection {4}")
    @CsvSource({
            "0-10,  5-15,  true,  false, 5-10",
            "5-15,  0-10,  true,  false, 5-10",
            "0-10,  2-3,   true,  false, 2-3",
            "0-10,  0-10,  true,  false, 0-10",
            "0-10,  10-20, false, true,  10-10",
            "10-20, 0-10,  false, true,  10-10",
            "0-10,  11-20, false, false, none",
            "11-20, 0-10,  false, false, none",
            "5-5,   0-10,  false, false, 5-5",
            "0-10,  10-10, false, true,  10-10",
            "5-5,   5-5,   false, true,  5-5",
    })
    void overlapsAbutsAndIntersection(String a, String b, boolean overlaps, boolean abuts, String intersection) {
        TimeInterval x = interval(a);
        TimeInterval y = interval(b);

        assertThat(x.overlaps(y)).as("overlaps").isEqualTo(overlaps);
        assertThat(x.abuts(y)).as("abuts").isEqualTo(abuts);
        if (intersection.equals("none")) {
            assertThatThrownBy(() -> x.intersection(y)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("do not overlap");
        } else {
            assertThat(x.intersection(y)).isEqualTo(interval(intersection));
        }
    }

    @ParameterizedTest(name = "{0} contains minute {1}: {2}")
    @CsvSource({"0-10, 0, true", "0-10, 9, true", "0-10, 10, false", "0-10, -1, false", "5-5, 5, false"})
    void isHalfOpen(String interval, int minute, boolean contains) {
        assertThat(interval(interval).contains(T.plusSeconds(60L * minute))).isEqualTo(contains);
    }

    @Test
    void lengthEmptinessAndConstruction() {
        assertThat(interval("0-90").duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(interval("5-5").isEmpty()).isTrue();
        assertThat(interval("5-6").isEmpty()).isFalse();
        assertThat(TimeInterval.endingAt(T, Duration.ofHours(1))).isEqualTo(TimeInterval.of(T.minusSeconds(3600), T));
        assertThat(interval("0-10")).hasToString("[2024-01-15T12:00:00Z, 2024-01-15T12:10:00Z)");
    }

    @Test
    void endBeforeStartIsRejectedNamingBoth() {
        assertThatThrownBy(() -> TimeInterval.of(T, T.minusNanos(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("end 2024-01-15T11:59:59.999999999Z is before start 2024-01-15T12:00:00Z");
        assertThatThrownBy(() -> TimeInterval.of(null, T)).isInstanceOf(NullPointerException.class)
                .hasMessage("start");
        assertThatThrownBy(() -> TimeInterval.of(T, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("end");
    }

    private static TimeInterval interval(String minutes) {
        String[] ends = minutes.split("-");
        return TimeInterval.of(T.plusSeconds(60L * Integer.parseInt(ends[0])),
                T.plusSeconds(60L * Integer.parseInt(ends[1])));
    }
}
