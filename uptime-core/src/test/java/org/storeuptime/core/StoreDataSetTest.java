package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreDataSetTest {

    private static final Instant T = Instant.parse("2024-01-15T12:00:00Z");

    @Test
    void ofPollsAtTheSameInstantTheFirstAddedWinsEvenWhenAddedOutOfOrder() {
        StoreDataSet data = StoreDataSet.builder()
                .poll("s", T.plusSeconds(60), PollStatus.INACTIVE)
                .poll("s", T, PollStatus.ACTIVE)
                .poll("s", T.plusSeconds(30), PollStatus.ACTIVE)
                .poll("s", T, PollStatus.INACTIVE)
                .poll("s", T.plusSeconds(60), PollStatus.ACTIVE)
                .poll("s", T, PollStatus.INACTIVE)
                .build();

        assertThat(data.polls("s")).containsExactly(Poll.active(T), Poll.active(T.plusSeconds(30)),
                Poll.inactive(T.plusSeconds(60)));
        assertThat(data.pollCount()).isEqualTo(3);
        assertThat(data.duplicatePolls()).isEqualTo(3);
    }

    /** Many shuffled polls with many duplicates: the stable sort must keep the first added of each instant. */
    @ParameterizedTest(name = "{0} polls")
    @ValueSource(ints = {2, 3, 17, 64, 1_000, 10_007})
    void sortsStablyAtAnySize(int count) {
        Random random = new Random(count);
        StoreDataSet.Builder builder = StoreDataSet.builder();
        Map<Long, Boolean> firstAdded = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long micros = random.nextInt(Math.max(2, count / 3)) * 1_000_000L - 5_000_000L;
            boolean active = random.nextBoolean();
            builder.poll("s", micros, active);
            firstAdded.putIfAbsent(micros, active);
        }

        List<Poll> expected = new ArrayList<>();
        new TreeMap<>(firstAdded).forEach((micros, active) -> expected.add(Poll.of(EpochMicros.toInstant(micros),
                active ? PollStatus.ACTIVE : PollStatus.INACTIVE)));
        StoreDataSet data = builder.build();
        assertThat(data.polls("s")).containsExactlyElementsOf(expected);
        assertThat(data.duplicatePolls()).isEqualTo(count - expected.size());
    }

    @Test
    void aStoreFromAnyInputIsPartOfTheDataSetWithDefaults() {
        StoreDataSet data = StoreDataSet.builder()
                .timeZone("zone", ZoneId.of("Asia/Kathmandu"))
                .openingPeriod("hours", OpeningPeriod.of(0, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .poll("poll", T, PollStatus.ACTIVE)
                .store("bare")
                .build();

        assertThat(data.storeIds()).containsExactly("bare", "hours", "poll", "zone");
        assertThat(data.storeCount()).isEqualTo(4);
        assertThat(data.store("bare")).isEqualTo(Store.of("bare", ZoneId.of("America/Chicago"), BusinessHours.alwaysOpen()));
        assertThat(data.store("hours").zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(data.store("zone").hours().isAlwaysOpen()).isTrue();
        assertThat(data.polls("zone")).isEmpty();
        assertThat(data.polls("unknown")).isEmpty();
    }

    @Test
    void theFirstTimeZoneWinsAndRepeatedRowsAreReported() {
        StoreDataSet.Builder builder = StoreDataSet.builder();
        OpeningPeriod row = OpeningPeriod.of(0, LocalTime.of(9, 0), LocalTime.of(17, 0));

        assertThat(builder.addTimeZone("s", ZoneId.of("Europe/Berlin"))).isTrue();
        assertThat(builder.addTimeZone("s", ZoneId.of("Asia/Tokyo"))).isFalse();
        assertThat(builder.addOpeningPeriod("s", row)).isTrue();
        assertThat(builder.addOpeningPeriod("s", row)).isFalse();

        Store store = builder.build().store("s");
        assertThat(store.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(store.hours().periods()).containsExactly(row);
    }

    @Test
    void badStoreIdsAreRejected() {
        assertThatThrownBy(() -> StoreDataSet.builder().store(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store id must not be empty");
        assertThatThrownBy(() -> StoreDataSet.builder().store(null)).isInstanceOf(NullPointerException.class);
        StoreDataSet data = StoreDataSet.builder().store("a").build();
        assertThatThrownBy(() -> data.store("b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no store 'b' in this data set");
    }

    @Test
    void latestPollTimeIsTheLatestOfAnyStore() {
        assertThat(StoreDataSet.builder().store("a").build().latestPollTime()).isEmpty();
        StoreDataSet data = StoreDataSet.builder()
                .poll("a", T.plusSeconds(10), PollStatus.ACTIVE)
                .poll("b", T.plusSeconds(20), PollStatus.ACTIVE)
                .poll("b", T, PollStatus.ACTIVE)
                .build();
        assertThat(data.latestPollTime()).contains(T.plusSeconds(20));
    }

    @Test
    void forEachStoreGivesEveryStoreWithItsPollsInTheClosedRange() {
        StoreDataSet data = StoreDataSet.builder()
                .poll("a", T.minusNanos(1_000), PollStatus.ACTIVE)
                .poll("a", T, PollStatus.INACTIVE)
                .poll("a", T.plusSeconds(60), PollStatus.ACTIVE)
                .poll("a", T.plusSeconds(60).plusNanos(1_000), PollStatus.INACTIVE)
                .poll("b", T.minusSeconds(3600), PollStatus.ACTIVE)
                .store("c")
                .build();

        Map<String, List<Poll>> seen = new TreeMap<>();
        data.forEachStore(T, T.plusSeconds(60), (store, polls) -> seen.put(store.id(), polls.toList()));

        assertThat(seen).containsOnlyKeys("a", "b", "c");
        assertThat(seen.get("a")).containsExactly(Poll.inactive(T), Poll.active(T.plusSeconds(60)));
        assertThat(seen.get("b")).isEmpty();
        assertThat(seen.get("c")).isEmpty();
    }

    @Test
    void buildingTwiceGivesTheSameDataSetAndTheBuilderStaysUsable() {
        StoreDataSet.Builder builder = StoreDataSet.builder()
                .poll("s", T.plusSeconds(5), PollStatus.ACTIVE)
                .poll("s", T, PollStatus.INACTIVE)
                .poll("s", T, PollStatus.ACTIVE);

        StoreDataSet first = builder.build();
        StoreDataSet second = builder.build();
        builder.poll("s", T, PollStatus.ACTIVE).poll("s", T.minusSeconds(5), PollStatus.ACTIVE);
        StoreDataSet third = builder.build();

        assertThat(second.polls("s")).isEqualTo(first.polls("s"))
                .containsExactly(Poll.inactive(T), Poll.active(T.plusSeconds(5)));
        assertThat(third.polls("s"))
                .containsExactly(Poll.active(T.minusSeconds(5)), Poll.inactive(T), Poll.active(T.plusSeconds(5)));
        assertThat(first.polls("s")).hasSize(2);
    }
}
