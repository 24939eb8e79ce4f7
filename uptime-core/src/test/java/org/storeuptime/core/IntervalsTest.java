package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalsTest {

    @ParameterizedTest(name = "{0}: [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', textBlock = """
            none                         |                     |
            one                          | 1-3                 | 1-3
            disjoint stay apart          | 1-3, 5-7            | 1-3, 5-7
            overlapping merge            | 1-4, 3-6            | 1-6
            abutting merge (half-open)   | 1-3, 3-5            | 1-5
            contained vanishes           | 1-10, 2-3, 4-5      | 1-10
            contained first, longer later | 2-3, 1-10           | 1-10
            equal starts keep the longer | 1-3, 1-5, 1-2       | 1-5
            unsorted input is sorted     | 7-8, 1-3, 2-5, 9-10 | 1-5, 7-8, 9-10
            chain merges transitively    | 5-7, 1-2, 2-3, 3-5  | 1-7
            negative times               | -10--5, -6-0        | -10-0
            """)
    void sortsAndMergesHalfOpenIntervals(String name, String input, String expected) {
        long[] pairs = parse(input);
        assertThat(format(Intervals.sortAndMerge(pairs, pairs.length))).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "only the first {0} values count")
    @CsvSource({"0, ''", "2, 5-6", "4, '1-2, 5-6'"})
    void readsOnlyTheFirstNValues(int n, String expected) {
        long[] pairs = {5, 6, 1, 2, 99, 100};
        assertThat(format(Intervals.sortAndMerge(pairs, n))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: [{1}] less [{2}] -> [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            nothing removed              | 1-5, 7-9   |            | 1-5, 7-9
            from nothing                 |            | 1-5        |
            a hole                       | 1-10       | 3-4        | 1-3, 4-10
            the start                    | 1-10       | 0-3        | 3-10
            the end                      | 1-10       | 8-12       | 1-8
            all of it                    | 1-10       | 1-10       |
            across two intervals         | 1-5, 7-9   | 4-8        | 1-4, 8-9
            several holes in one         | 1-20       | 2-3, 5-6, 19-25 | 1-2, 3-5, 6-19
            touching stays               | 1-5        | 5-7, 0-1   | 1-5
            removed before and after     | 10-20      | 1-2, 30-40 | 10-20
            """)
    void subtractsHalfOpenIntervals(String name, String from, String removed, String expected) {
        assertThat(format(Intervals.subtract(parse(from), parse(removed)))).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0} in [1-3, 5-7]: {1}")
    @CsvSource({"0, false", "1, true", "2, true", "3, false", "4, false", "5, true", "6, true", "7, false", "9, false"})
    void containsIsHalfOpen(long t, boolean expected) {
        assertThat(Intervals.contains(new long[] {1, 3, 5, 7}, t)).isEqualTo(expected);
    }

    private static long[] parse(String list) {
        if (list == null) {
            return new long[0];
        }
        return Arrays.stream(list.split(",")).map(String::strip)
                .flatMap(pair -> {
                    int dash = pair.indexOf('-', 1);
                    return Arrays.stream(new String[] {pair.substring(0, dash), pair.substring(dash + 1)});
                })
                .mapToLong(Long::parseLong).toArray();
    }

    private static String format(long[] pairs) {
        return java.util.stream.IntStream.range(0, pairs.length / 2)
                .mapToObj(i -> pairs[2 * i] + "-" + pairs[2 * i + 1]).collect(Collectors.joining(", "));
    }
}
