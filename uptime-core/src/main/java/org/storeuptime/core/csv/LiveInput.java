package org.storeuptime.core.csv;

import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.storeuptime.core.Closure;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.StorePoll;

/**
 * Reads what live ingestion receives: polls, one store's business hours and time zone, closures, as CSV with the
 * input file's header or as JSON (NDJSON for polls and closures), validated row by row exactly as the input files
 * are (same reasons, same fields). The format is told by the first non-blank line: <code>{</code> or <code>[</code> starts
 * JSON, anything else is a CSV header. Line numbers count the body's lines from 1 (a CSV header is line 1).
 *
 * <p>SKELETON: the signatures are the contract between modules; the bodies are being written.
 */
public final class LiveInput {

    /** How far ahead of the clock a poll may be; a later one is rejected. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private LiveInput() {
    }

    /**
     * Reads polls from {@code in} (CSV {@code store_id,status,timestamp_utc} or NDJSON objects with those fields),
     * as a stream: each good row goes to {@code accepted} as soon as it is read, each bad one to {@code rejected}.
     * A poll more than {@link #MAX_AHEAD} after {@code clock}'s instant is rejected (field timestamp_utc).
     *
     * @param name what to call the input in rejected rows and messages (for example {@code "body"}, {@code "-"})
     * @throws InputFileException when the input as a whole cannot be read (empty, a wrong CSV header, not UTF-8)
     */
    public static ReadCounts readPolls(Reader in, String name, Clock clock, Consumer<StorePoll> accepted,
            Consumer<RejectedRow> rejected) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Reads one store's business hours (CSV with the {@code menu_hours.csv} header, or a JSON array of objects with
     * {@code dayOfWeek}, {@code start_time_local}, {@code end_time_local}; {@code store_id} is optional in JSON and
     * must be {@code storeId} when present, in either format). An empty input or {@code []} is an empty list.
     *
     * @return the good rows' periods (duplicates removed), in input order
     * @throws InputFileException when the input as a whole cannot be read
     */
    public static List<OpeningPeriod> readHours(Reader in, String name, String storeId,
            Consumer<RejectedRow> rejected) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Reads one store's time zone: a JSON object {@code {"timezone_str": "Europe/Berlin"}} ({@code store_id}
     * optional, must be {@code storeId} when present).
     *
     * @throws InputFileException naming the field when it is missing, not a string or not a known zone id
     */
    public static ZoneId readTimeZone(Reader in, String name, String storeId) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Reads closures (CSV with the {@code closures.csv} header, or NDJSON objects with {@code store_id},
     * {@code start_local}, {@code end_local}, optional {@code reason}), as a stream like {@link #readPolls}.
     *
     * @throws InputFileException when the input as a whole cannot be read
     */
    public static ReadCounts readClosures(Reader in, String name, Consumer<Closure> accepted,
            Consumer<RejectedRow> rejected) {
        throw new UnsupportedOperationException("skeleton");
    }
}
