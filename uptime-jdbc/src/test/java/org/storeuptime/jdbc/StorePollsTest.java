package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.storeuptime.core.PollSeries;

class StorePollsTest {

    @Test
    void pollsInTimeOrderArePassedOnAsTheyCame() {
        StorePolls polls = new StorePolls();
        for (int i = 0; i < 1000; i++) {
            polls.add(i * 10L, i % 3 == 0);
        }
        PollSeries series = new PollSeries();
        series.add(-5, true);
        polls.copyTo(series);
        assertThat(polls.arrivedInOrder()).isTrue();
        assertThat(series.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(series.epochMicros(i)).isEqualTo(i * 10L);
            assertThat(series.isActive(i)).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void pollsOutOfOrderAreSortedByTimeKeepingEachOnesStatus() {
        StorePolls polls = new StorePolls();
        polls.add(30, true);
        polls.add(10, false);
        polls.add(40, false);
        polls.add(20, true);
        PollSeries series = new PollSeries();
        polls.copyTo(series);
        assertThat(polls.arrivedInOrder()).isFalse();
        assertThat(series.size()).isEqualTo(4);
        assertThat(new long[] {series.epochMicros(0), series.epochMicros(1), series.epochMicros(2), series.epochMicros(3)})
                .containsExactly(10, 20, 30, 40);
        assertThat(new boolean[] {series.isActive(0), series.isActive(1), series.isActive(2), series.isActive(3)})
                .containsExactly(false, true, true, false);

        polls.clear();
        polls.add(5, true);
        polls.copyTo(series);
        assertThat(polls.arrivedInOrder()).isTrue();
        assertThat(series.size()).isEqualTo(1);
    }
}
