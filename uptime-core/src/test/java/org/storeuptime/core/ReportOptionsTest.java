package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {

    @Test
    void defaultsAreTheRules() {
        assertThat(ReportOptions.defaults()).isSameAs(ReportOptions.DEFAULTS)
                .isEqualTo(new ReportOptions(Duration.ofHours(24), Extrapolation.NEAREST_POLL));
        assertThat(UptimeEngine.create().options()).isEqualTo(ReportOptions.DEFAULTS);
    }

    @Test
    void absurdlyLongLookbackIsRejectedNamingIt() {
        assertThat(ReportOptions.DEFAULTS.withLookback(ReportOptions.MAX_LOOKBACK).lookback())
                .isEqualTo(Duration.ofDays(3650));
        assertThatThrownBy(() -> ReportOptions.DEFAULTS.withLookback(Duration.ofDays(3651)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lookback must be at most PT87600H: PT87624H");
    }

    @Test
    void negativeLookbackIsRejectedNamingIt() {
        assertThatThrownBy(() -> new ReportOptions(Duration.ofSeconds(-1), Extrapolation.NEAREST_POLL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lookback must not be negative: PT-1S");
        assertThatThrownBy(() -> ReportOptions.DEFAULTS.withLookback(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroLookbackIsAllowed() {
        assertThat(ReportOptions.DEFAULTS.withLookback(Duration.ZERO).lookback()).isZero();
    }

    @Test
    void nullsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new ReportOptions(null, Extrapolation.NEAREST_POLL))
                .isInstanceOf(NullPointerException.class).hasMessage("lookback");
        assertThatThrownBy(() -> new ReportOptions(Duration.ZERO, null))
                .isInstanceOf(NullPointerException.class).hasMessage("extrapolation");
    }

    @Test
    void withersChangeOneField() {
        ReportOptions options = ReportOptions.DEFAULTS.withLookback(Duration.ofHours(2))
                .withExtrapolation(Extrapolation.CARRY_FORWARD);
        assertThat(options).isEqualTo(new ReportOptions(Duration.ofHours(2), Extrapolation.CARRY_FORWARD));
        assertThat(ReportOptions.DEFAULTS.lookback()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void metadataNamesEveryOption() {
        assertThat(ReportOptions.DEFAULTS.asMetadata())
                .containsExactly(entry("extrapolation", "nearest-poll"), entry("lookback", "PT24H"));
        assertThat(new ReportOptions(Duration.ofMinutes(90), Extrapolation.CARRY_FORWARD).asMetadata())
                .containsExactly(entry("extrapolation", "carry-forward"), entry("lookback", "PT1H30M"));
    }
}
