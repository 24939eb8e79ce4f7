package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StoreReader}, run against every implementation: extend it and return a reader holding
 * exactly the stores, zones, hours and polls of the given data set from {@link #reader(StoreDataSet)}.
 */
public abstract class AbstractStoreReaderTest {

    /** Sunday 2024-03-31 01:00 UTC: Europe/Berlin springs forward. */
    protected static final Instant DST = Instant.parse("2024-03-31T01:00:00Z");

    private StoreDataSet data;
    private StoreReader reader;

    /** A reader holding what {@code data} holds (and nothing else). */
    protected abstract StoreReader reader(StoreDataSet data);

    /** The shared fixture: stores with every combination of zone, hours and polls, ids in mixed case. */
    public static StoreDataSet fixture() {
        StoreDataSet.Builder b = StoreDataSet.builder();
        b.timeZone("Alpha-1", ZoneId.of("Europe/Berlin"));
        for (DayOfWeek day : DayOfWeek.values()) {
            b.openingPeriod("Alpha-1", OpeningPeriod.of(day, LocalTime.of(9, 0), LocalTime.of(17, 30)));
        }
        b.openingPeriod("Alpha-1", OpeningPeriod.of(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(3, 0)));
        for (int h = 0; h < 240; h++) {
            b.poll("Alpha-1", DST.minus(Duration.ofHours(h)).plusSeconds(h * 7L).plusNanos(123_456_000L),
                    h % 5 == 0 ? PollStatus.INACTIVE : PollStatus.ACTIVE);
        }
        for (int h = 0; h < 30; h++) {
            b.poll("alpha-2", DST.minus(Duration.ofHours(3 * h + 1)), h % 2 == 0 ? PollStatus.ACTIVE : PollStatus.INACTIVE);
        }
        b.timeZone("BETA", ZoneId.of("Asia/Kolkata"));
        b.openingPeriod("gamma", OpeningPeriod.of(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(8, 0)));
        b.poll("123456789012", DST.minusSeconds(30), PollStatus.ACTIVE);
        b.poll("123456789012", DST, PollStatus.INACTIVE);
        return b.build();
    }

    @BeforeEach
    void load() {
        data = fixture();
        reader = reader(data);
    }

    @Test
    void aStoreWithItsZoneAndHours() {
        StoreProfile alpha = reader.profile("Alpha-1").orElseThrow();
        assertThat(alpha.store().id()).isEqualTo("Alpha-1");
        assertThat(alpha.store().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        // rows in any order: the business time they make does not depend on it
        assertThat(alpha.store().hours().periods()).containsExactlyInAnyOrderElementsOf(
                data.store("Alpha-1").hours().periods());
        assertThat(alpha.zoneDefaulted()).isFalse();
    }

    @Test
    void defaultsAreFilledInAndSaidSo() {
        StoreProfile two = reader.profile("alpha-2").orElseThrow();
        assertThat(two.zoneDefaulted()).isTrue();
        assertThat(two.store().zone()).isEqualTo(Store.DEFAULT_ZONE);
        assertThat(two.store().hours().isAlwaysOpen()).isTrue();
        assertThat(reader.profile("BETA").orElseThrow().store().zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(reader.profile("gamma").orElseThrow().zoneDefaulted()).isTrue();
        assertThat(reader.profile("123456789012")).isPresent();
    }

    @Test
    void anUnknownStoreIsEmpty() {
        assertThat(reader.profile("alpha")).isEmpty();
        assertThat(reader.profile("ALPHA-1")).isEmpty(); // ids are exact
        assertThat(reader.polls("nobody", Instant.EPOCH, DST).size()).isZero();
    }

    @Test
    void pollsInAnInclusiveRangeInTimeOrder() {
        Instant from = DST.minus(Duration.ofHours(10)).plusSeconds(70).plusNanos(123_456_000L); // a poll's instant
        PollSeries polls = reader.polls("Alpha-1", from, DST.plusNanos(123_456_000L));
        List<Poll> expected = data.polls("Alpha-1").stream()
                .filter(p -> !p.timestamp().isBefore(from) && !p.timestamp().isAfter(DST.plusNanos(123_456_000L)))
                .toList();
        assertThat(expected).hasSize(11);
        assertThat(polls.toList()).isEqualTo(expected);
        assertThat(reader.polls("123456789012", DST, DST).toList())
                .containsExactly(Poll.of(DST, PollStatus.INACTIVE));
    }

    @Test
    void theLatestPollOfAnyStore() {
        assertThat(reader.latestPollTime()).contains(DST.plusNanos(123_456_000L));
    }

    @Test
    void listingIsSortedByIdWithZonesAndTotal() {
        StorePage page = reader.list("", 50, 0, Instant.EPOCH, DST);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.stores()).extracting(StoreSummary::storeId)
                .containsExactly("123456789012", "Alpha-1", "BETA", "alpha-2", "gamma");
        assertThat(page.stores()).extracting(StoreSummary::zone).containsExactly(Store.DEFAULT_ZONE,
                ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"), Store.DEFAULT_ZONE, Store.DEFAULT_ZONE);
        assertThat(page.stores()).extracting(StoreSummary::zoneDefaulted)
                .containsExactly(true, false, false, true, true);
        assertThat(page.stores()).extracting(StoreSummary::pollCount).containsExactly(2L, 239L, 0L, 30L, 0L);
        // the last poll of all, even where it lies past the counted range (Alpha-1's)
        assertThat(page.stores()).extracting(StoreSummary::lastPoll).containsExactly(DST,
                DST.plusNanos(123_456_000L), null, DST.minus(Duration.ofHours(1)), null);
    }

    @Test
    void eachStoresLastPoll() {
        assertThat(reader.lastPoll("Alpha-1")).contains(DST.plusNanos(123_456_000L));
        assertThat(reader.lastPoll("alpha-2")).contains(DST.minus(Duration.ofHours(1)));
        assertThat(reader.lastPoll("123456789012")).contains(DST);
        assertThat(reader.lastPoll("BETA")).isEmpty();
        assertThat(reader.lastPoll("gamma")).isEmpty();
        assertThat(reader.lastPoll("nope")).isEmpty();
        assertThat(reader.lastPoll("alpha-1")).isEmpty(); // ids are exact
    }

    @Test
    void filterIsASubstringIgnoringCase() {
        StorePage page = reader.list("ALPHA", 50, 0, Instant.EPOCH, DST);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.stores()).extracting(StoreSummary::storeId).containsExactly("Alpha-1", "alpha-2");
        assertThat(reader.list("ha-", 50, 0, Instant.EPOCH, DST).total()).isEqualTo(2);
        assertThat(reader.list("5678", 50, 0, Instant.EPOCH, DST).stores()).extracting(StoreSummary::storeId)
                .containsExactly("123456789012");
        assertThat(reader.list("%", 50, 0, Instant.EPOCH, DST).total()).isZero(); // no wildcards
        assertThat(reader.list("_", 50, 0, Instant.EPOCH, DST).total()).isZero();
        assertThat(reader.list("zzz", 50, 0, Instant.EPOCH, DST).stores()).isEmpty();
    }

    @Test
    void pagingKeepsTheTotal() {
        StorePage second = reader.list(null, 2, 2, Instant.EPOCH, DST);
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.stores()).extracting(StoreSummary::storeId).containsExactly("BETA", "alpha-2");
        StorePage beyond = reader.list("", 10, 7, Instant.EPOCH, DST);
        assertThat(beyond.total()).isEqualTo(5);
        assertThat(beyond.stores()).isEmpty();
        assertThatThrownBy(() -> reader.list("", 0, 0, Instant.EPOCH, DST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> reader.list("", 1, -1, Instant.EPOCH, DST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    }

    @Test
    void pollCountsUseAnInclusiveRange() {
        StorePage page = reader.list("1234", 1, 0, DST, DST);
        assertThat(page.stores().get(0).pollCount()).isEqualTo(1);
        Instant weekAgo = DST.minus(Duration.ofDays(7));
        long expected = data.polls("Alpha-1").stream()
                .filter(p -> !p.timestamp().isBefore(weekAgo) && !p.timestamp().isAfter(DST)).count();
        assertThat(reader.list("alpha-1", 1, 0, weekAgo, DST).stores().get(0).pollCount()).isEqualTo(expected);
    }

    @Test
    void timelinesFromTheReaderHaveTheReportsRows() {
        Instant now = DST.plus(Duration.ofHours(2));
        UptimeEngine engine = UptimeEngine.create();
        UptimeReport report = engine.report(data, now);
        for (StoreUptime row : report.rows()) {
            StoreTimeline timeline = engine.timeline(reader, row.storeId(), now).orElseThrow();
            assertThat(timeline.uptime()).isEqualTo(row);
        }
        StoreTimeline byDefault = engine.timeline(reader, "Alpha-1", ReportRequest.classic()).orElseThrow();
        assertThat(byDefault.now()).isEqualTo(DST.plusNanos(123_456_000L));
        assertThat(byDefault.uptime()).isEqualTo(engine.report(data).rows().get(1));
    }
}
