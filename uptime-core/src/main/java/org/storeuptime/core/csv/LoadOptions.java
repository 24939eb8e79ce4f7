package org.storeuptime.core.csv;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How input files are loaded.
 *
 * @param strict whether any rejected row fails the whole load (then nothing is loaded)
 * @param keptRejectedRows how many rejected rows the result keeps for display (every one is counted and
 *     passed to {@code onRejected})
 * @param onRejected told of every rejected row as it is met
 */
public record LoadOptions(boolean strict, int keptRejectedRows, Consumer<RejectedRow> onRejected) {

    /** Lenient: rejected rows are reported and skipped; the first 1000 are kept. */
    public static final LoadOptions LENIENT = new LoadOptions(false, 1000, row -> { });

    /** Strict: any rejected row fails the load. */
    public static final LoadOptions STRICT = new LoadOptions(true, 1000, row -> { });

    public LoadOptions {
        Objects.requireNonNull(onRejected, "onRejected");
        if (keptRejectedRows < 0) {
            throw new IllegalArgumentException("keptRejectedRows must not be negative: " + keptRejectedRows);
        }
    }

    /** These options, strict or lenient. */
    public LoadOptions withStrict(boolean strict) {
        return new LoadOptions(strict, keptRejectedRows, onRejected);
    }

    /** These options telling {@code listener} of every rejected row. */
    public LoadOptions withOnRejected(Consumer<RejectedRow> listener) {
        return new LoadOptions(strict, keptRejectedRows, listener);
    }

    /** These options keeping at most {@code limit} rejected rows in the result. */
    public LoadOptions withKeptRejectedRows(int limit) {
        return new LoadOptions(strict, limit, onRejected);
    }
}
