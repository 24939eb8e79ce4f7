package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

/**
 * {@link StableSort} orders as a stable sort does: on random keys with many ties, in a few ordered parts (as a
 * digest's polls come) or none, of any size; of equal keys the first stays first.
 */
class StableSortTest {

    @Property(tries = 500, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void sortsStably(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = random.nextInt(random.nextBoolean() ? 10 : 400);
        long[] keys = new long[size];
        boolean[] values = new boolean[size];
        int parts = 1 + random.nextInt(random.nextBoolean() ? 4 : size + 1);
        long range = 1 + random.nextInt(random.nextBoolean() ? 5 : 1_000_000);
        for (int p = 0, i = 0; p < parts; p++) {
            int end = p == parts - 1 ? size : Math.min(size, i + random.nextInt(size + 1));
            long key = random.nextLong(range);
            for (; i < end; i++) {
                key += random.nextInt(3) == 0 ? 0 : random.nextLong(range);
                keys[i] = key;
                values[i] = random.nextBoolean();
            }
        }
        // the reference: the indexes sorted stably by key
        long[] original = keys.clone();
        boolean[] originalValues = values.clone();
        Integer[] order = IntStream.range(0, size).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong(i -> original[i]));

        StableSort.sort(keys, values, size);

        for (int i = 0; i < size; i++) {
            assertThat(keys[i]).as("key %d of %s", i, Arrays.toString(original)).isEqualTo(original[order[i]]);
            assertThat(values[i]).as("value %d of %s", i, Arrays.toString(original))
                    .isEqualTo(originalValues[order[i]]);
        }
    }

    @Test
    void sortsOnlyThePrefixOfTheGivenSize() {
        long[] keys = {3, 1, 2, 0};
        boolean[] values = {true, false, true, false};
        StableSort.sort(keys, values, 3);
        assertThat(keys).containsExactly(1, 2, 3, 0);
        assertThat(values).containsExactly(false, true, true, false);
    }
}
