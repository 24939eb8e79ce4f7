package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PollStatusTest {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"active, ACTIVE", "ACTIVE, ACTIVE", "' Active ', ACTIVE", "inactive, INACTIVE", "INACTIVE, INACTIVE"})
    void parsesIgnoringCaseAndBlanks(String text, PollStatus expected) {
        assertThat(PollStatus.parse(text)).isEqualTo(expected);
        assertThat(PollStatus.parse(expected.csvValue())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "up", "1", "in active", "activ"})
    void rejectsAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> PollStatus.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown status '" + text + "' (expected active or inactive)");
    }

    @Test
    void rejectsNullWithAMessage() {
        assertThatThrownBy(() -> PollStatus.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown status 'null'");
    }
}
