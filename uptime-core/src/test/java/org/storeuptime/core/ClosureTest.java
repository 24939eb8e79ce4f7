package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosureTest {

    private static Closure closure(String store, String from, String to) {
        return Closure.of(store, LocalDateTime.parse(from), LocalDateTime.parse(to), "");
    }

    @Test
    void aClosureHasSomeLocalLengthAndAStore() {
        assertThatThrownBy(() -> closure("s", "2024-09-01T10:00", "2024-09-01T10:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not after its start");
        assertThatThrownBy(() -> closure(" ", "2024-09-01T10:00", "2024-09-01T11:00"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFleetClosureAppliesToEveryStore() {
        assertThat(closure(Closure.ALL_STORES, "2024-09-01T10:00", "2024-09-01T11:00").appliesTo("any")).isTrue();
        assertThat(closure("a", "2024-09-01T10:00", "2024-09-01T11:00").appliesTo("b")).isFalse();
    }

    /** Bounds by java.time's rule: a gap moves a time later, an overlap takes the earlier offset; no end-of-day rule. */
    @ParameterizedTest(name = "{0} {1}..{2}")
    @CsvSource({
        "America/Chicago, 2024-03-10T02:30, 2024-03-10T04:00, 2024-03-10T08:30:00Z, 2024-03-10T09:00:00Z",
        "America/Chicago, 2024-11-03T01:30, 2024-11-03T02:00, 2024-11-03T06:30:00Z, 2024-11-03T08:00:00Z",
        "Europe/Berlin, 2024-12-25T00:00, 2024-12-25T23:59:59, 2024-12-24T23:00:00Z, 2024-12-25T22:59:59Z",
        "America/Santiago, 2024-09-08T00:00, 2024-09-09T00:00, 2024-09-08T04:00:00Z, 2024-09-09T03:00:00Z"})
    void boundsBecomeInstantsInTheStoresZone(String zone, String from, String to, String start, String end) {
        assertThat(closure("s", from, to).interval(ZoneId.of(zone)))
                .contains(TimeInterval.of(Instant.parse(start), Instant.parse(end)));
    }

    @Test
    void aClosureInsideASpringForwardGapIsEmpty() {
        // 02:30 moves to 03:30, after the end 03:00
        assertThat(closure("s", "2024-03-10T02:30", "2024-03-10T03:00").interval(ZoneId.of("America/Chicago")))
                .isEmpty();
    }
}
