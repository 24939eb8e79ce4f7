package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportRequestTest {

    @Test
    void nothingGivenIsTheClassicReport() {
        assertThat(ReportRequest.parse(null, null, null, List.of())).isEqualTo(ReportRequest.classic());
        assertThat(ReportRequest.parse(" ", "", "  ", List.of())).isEqualTo(ReportRequest.classic());
        ReportRequest classic = ReportRequest.classic();
        assertThat(classic.now()).isEmpty();
        assertThat(classic.options()).isEqualTo(ReportOptions.DEFAULTS);
        assertThat(classic.isClassic()).isTrue();
    }

    @Test
    void textValuesAreParsedOnce() {
        ReportRequest request = ReportRequest.parse("2024-10-14T18:55:18-05:00", "PT12H", "Carry_Forward",
                List.of("30d", "2024-09"));
        assertThat(request.now()).contains(Instant.parse("2024-10-14T23:55:18Z"));
        assertThat(request.lookback()).isEqualTo(Duration.ofHours(12));
        assertThat(request.extrapolation()).isEqualTo(Extrapolation.CARRY_FORWARD);
        assertThat(request.windows()).containsExactly(ReportWindow.parse("30d"), ReportWindow.parse("2024-09"));
        assertThat(request.asMetadata()).isEqualTo(Map.of("extrapolation", "carry-forward", "lookback", "PT12H",
                "windows", List.of("30d", "2024-09")));
        assertThat(ReportRequest.builder().now(" 2024-10-14T23:55:18.5Z ").build().now())
                .contains(Instant.parse("2024-10-14T23:55:18.5Z"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "now, yesterday, now: 'yesterday' is not an instant; accepted: an ISO-8601 instant",
        "now, 2024-02-30T00:00:00Z, now: '2024-02-30T00:00:00Z' is not an instant; accepted:",
        "now, +10000-01-01T00:00:00Z, now: +10000-01-01T00:00:00Z is outside the years 1 to 9999; accepted:",
        "lookback, 24h, lookback: '24h' is not an ISO-8601 duration; accepted: an ISO-8601 duration such as PT24H",
        "lookback, PT-1H, lookback: 'PT-1H' is negative; accepted:",
        "lookback, P3651D, lookback: 'P3651D' is longer than PT87600H; accepted:",
        "extrapolation, linear, extrapolation: 'linear' is not an extrapolation; accepted: nearest-poll or carry-forward",
        "window, 0d, window '0d': a window of length zero; accepted forms: <N>h",
        "window, 2024-13, window '2024-13': month 13 is not 01 to 12; accepted forms:",
        "window, soon, window 'soon': not a window; accepted forms:"})
    void aBadValueNamesItsFieldAndTheAcceptedForms(String field, String value, String message) {
        assertThatThrownBy(() -> ReportRequest.parse(field.equals("now") ? value : null,
                field.equals("lookback") ? value : null, field.equals("extrapolation") ? value : null,
                field.equals("window") ? List.of(value) : List.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(message)
                .message().doesNotContain("\n");
    }

    @Test
    void twoWindowsWithOneLabelAreOneBadRequest() {
        assertThatThrownBy(() -> ReportRequest.parse(null, null, null, List.of("2024-09", "30d", "2024-09")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("window"))
                .hasMessageStartingWith("window '2024-09': asked for twice; accepted forms:");
        assertThatThrownBy(() -> new ReportRequest(Optional.empty(), Duration.ZERO, Extrapolation.NEAREST_POLL,
                List.of(ReportWindow.parse("7d"), ReportWindow.parse("7d"))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void typedValuesAreCheckedLikeText() {
        assertThatThrownBy(() -> ReportRequest.builder().lookback(Duration.ofHours(-1)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("lookback"));
        assertThatThrownBy(() -> ReportRequest.builder().now(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("now"));
        assertThat(ReportRequest.builder().options(ReportOptions.DEFAULTS.withLookback(Duration.ZERO))
                .window(ReportWindow.monthSoFar()).build().options()).isEqualTo(new ReportOptions(Duration.ZERO,
                        Extrapolation.NEAREST_POLL));
    }
}
