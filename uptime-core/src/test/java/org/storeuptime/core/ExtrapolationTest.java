package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtrapolationTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nearest-poll      | NEAREST_POLL
            NEAREST_POLL      | NEAREST_POLL
            Nearest_Poll      | NEAREST_POLL
            '  nearest-poll ' | NEAREST_POLL
            carry-forward     | CARRY_FORWARD
            CARRY-FORWARD     | CARRY_FORWARD
            carry_forward     | CARRY_FORWARD
            """)
    void parsesOptionNamesIgnoringCaseAndUnderscores(String text, Extrapolation expected) {
        assertThat(Extrapolation.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Extrapolation.class)
    void parsesItsOwnOptionName(Extrapolation extrapolation) {
        assertThat(Extrapolation.parse(extrapolation.optionName())).isEqualTo(extrapolation);
        assertThat(Extrapolation.parse(extrapolation.name())).isEqualTo(extrapolation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "nearest", "carry forward", "nearest-poll,carry-forward", "linear", "NEAREST POLL"})
    void rejectsAnythingElseNamingTheValueAndTheChoices(String text) {
        assertThatThrownBy(() -> Extrapolation.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown extrapolation '" + text + "' (expected nearest-poll or carry-forward)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"NEAREST_POLL, nearest-poll", "CARRY_FORWARD, carry-forward"})
    void optionNames(Extrapolation extrapolation, String name) {
        assertThat(extrapolation.optionName()).isEqualTo(name);
    }
}
