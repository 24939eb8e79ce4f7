package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpeningPeriodTest {

    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime FIVE = LocalTime.of(17, 0);

    @ParameterizedTest(name = "day {0} is {1}")
    @CsvSource({"0, MONDAY", "1, TUESDAY", "2, WEDNESDAY", "3, THURSDAY", "4, FRIDAY", "5, SATURDAY", "6, SUNDAY"})
    void dayIndexZeroIsMondayAndSixSunday(int index, DayOfWeek day) {
        OpeningPeriod period = OpeningPeriod.of(index, NINE, FIVE);
        assertThat(period).isEqualTo(new OpeningPeriod(day, NINE, FIVE));
        assertThat(period.dayIndex()).isEqualTo(index);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, 8, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void dayIndexOutsideZeroToSixIsRejectedNamingIt(int index) {
        assertThatThrownBy(() -> OpeningPeriod.of(index, NINE, FIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("day of week " + index + " is outside 0 (Monday) to 6 (Sunday)");
    }

    @Test
    void everyFieldIsRequired() {
        assertThatThrownBy(() -> OpeningPeriod.of(null, NINE, FIVE)).isInstanceOf(NullPointerException.class)
                .hasMessage("day");
        assertThatThrownBy(() -> OpeningPeriod.of(0, null, FIVE)).isInstanceOf(NullPointerException.class)
                .hasMessage("start");
        assertThatThrownBy(() -> OpeningPeriod.of(0, NINE, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("end");
    }

    @Test
    void overnightEqualAndMidnightEndsAreAllValidRows() {
        // their meaning is tested on the UTC axis in BusinessHoursTest
        assertThat(OpeningPeriod.of(4, LocalTime.of(22, 0), LocalTime.of(2, 0)).end()).isEqualTo(LocalTime.of(2, 0));
        assertThat(OpeningPeriod.of(4, NINE, NINE).start()).isEqualTo(NINE);
        assertThat(OpeningPeriod.of(4, NINE, LocalTime.of(23, 59, 59)).end()).isEqualTo(OpeningPeriod.END_OF_DAY);
    }
}
