package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollSeriesTest {

    private static final Instant T = Instant.parse("2024-01-15T12:00:00Z");

    @Test
    void keepsPollsInTheOrderAddedAndAllowsEqualTimes() {
        PollBuffer series = new PollBuffer(1)
                .add(T, PollStatus.ACTIVE)
                .add(T, PollStatus.INACTIVE)
                .add(T.plusSeconds(1), PollStatus.INACTIVE);

        assertThat(series.size()).isEqualTo(3);
        assertThat(series.toList()).containsExactly(Poll.active(T), Poll.inactive(T), Poll.inactive(T.plusSeconds(1)));
        assertThat(series.epochMicros(2)).isEqualTo(EpochMicros.of(T) + 1_000_000);
        assertThat(series.isActive(0)).isTrue();
        assertThat(series.isActive(1)).isFalse();
    }

    @Test
    void rejectsAPollEarlierThanTheLastOneNamingBoth() {
        PollBuffer series = new PollBuffer().add(T, PollStatus.ACTIVE);

        assertThatThrownBy(() -> series.add(T.minusNanos(1_000), PollStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order")
                .hasMessageContaining("2024-01-15T11:59:59.999999Z")
                .hasMessageContaining("2024-01-15T12:00:00Z");
        assertThat(series.size()).isEqualTo(1);
    }

    @Test
    void ofSortsStablySoEqualTimesKeepTheirOrder() {
        PollSeries series = PollSeries.of(List.of(Poll.inactive(T.plusSeconds(5)), Poll.active(T),
                Poll.inactive(T), Poll.active(T.minusSeconds(5))));

        assertThat(series.toList()).containsExactly(Poll.active(T.minusSeconds(5)), Poll.active(T), Poll.inactive(T),
                Poll.inactive(T.plusSeconds(5)));
    }

    @Test
    void growsBeyondItsCapacityAndClearsForReuse() {
        PollBuffer series = new PollBuffer(0);
        for (int i = 0; i < 1_000; i++) {
            series.add(i, i % 3 == 0);
        }
        assertThat(series.size()).isEqualTo(1_000);
        assertThat(series.epochMicros(999)).isEqualTo(999);
        assertThat(series.isActive(999)).isTrue();

        series.clear();
        assertThat(series.size()).isZero();
        series.add(-5, false); // after clear, any time may come first again
        assertThat(series.get(0)).isEqualTo(Poll.inactive(Instant.parse("1969-12-31T23:59:59.999995Z")));
    }

    @Test
    void keepsMicrosecondsAndTruncatesNanoseconds() {
        PollBuffer series = new PollBuffer()
                .add(Instant.parse("1969-12-31T23:59:59.999999Z"), PollStatus.ACTIVE)
                .add(Instant.parse("2024-01-15T12:00:00.123456789Z"), PollStatus.ACTIVE);

        assertThat(series.epochMicros(0)).isEqualTo(-1);
        assertThat(series.get(0).timestamp()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(series.get(1).timestamp()).isEqualTo(Instant.parse("2024-01-15T12:00:00.123456Z"));
    }

    @Test
    void indexOutsideTheSeriesIsRejected() {
        PollBuffer series = new PollBuffer().add(T, PollStatus.ACTIVE);

        assertThatThrownBy(() -> series.get(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> series.epochMicros(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> series.isActive(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void pollsAddedUnorderedInTimeOrderStayAsTheyCame() {
        PollBuffer series = new PollBuffer();
        series.add(-5, true);
        series.clear();
        for (int i = 0; i < 1000; i++) {
            series.addUnordered(i * 10L, i % 3 == 0);
        }
        series.sortByTime();
        assertThat(series.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(series.epochMicros(i)).isEqualTo(i * 10L);
            assertThat(series.isActive(i)).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void pollsAddedOutOfOrderAreSortedByTimeKeepingEachOnesStatus() {
        PollBuffer series = new PollBuffer();
        series.addUnordered(30, true).addUnordered(10, false).addUnordered(40, false).addUnordered(20, true);
        series.sortByTime();
        assertThat(series.size()).isEqualTo(4);
        assertThat(new long[] {series.epochMicros(0), series.epochMicros(1), series.epochMicros(2), series.epochMicros(3)})
                .containsExactly(10, 20, 30, 40);
        assertThat(new boolean[] {series.isActive(0), series.isActive(1), series.isActive(2), series.isActive(3)})
                .containsExactly(false, true, true, false);

        series.clear();
        series.addUnordered(5, true).sortByTime();
        assertThat(series.size()).isEqualTo(1);
    }

    @Test
    void aSeriesIsReadOnlyForItsReceiverOnlyABufferIsWritable() {
        assertThat(java.util.Arrays.stream(PollSeries.class.getMethods())
                .filter(m -> m.getDeclaringClass() == PollSeries.class)
                .map(java.lang.reflect.Method::getName))
                .doesNotContain("add", "addUnordered", "sortByTime", "clear")
                .contains("size", "epochMicros", "isActive", "get", "toList");
        assertThat(PollSeries.class.getConstructors()).isEmpty();
        assertThat(PollSeries.of(List.of(Poll.active(T)))).isNotInstanceOf(PollBuffer.class);
        StoreDataSet data = StoreDataSet.builder().poll("s", T, PollStatus.ACTIVE).build();
        data.forEachStore(T, T, (store, polls) -> assertThat(polls).isNotInstanceOf(PollBuffer.class));
    }
}
