package org.storeuptime.core;

import java.util.List;
import java.util.Objects;

/** No store has the id asked for (HTTP 404). Carries ids that start alike, so a front end can suggest them. */
public class UnknownStoreException extends UptimeException {

    private final String storeId;
    private final List<String> similarIds;

    /** Store {@code storeId} is unknown; {@code similarIds} are known ids that start with it (may be empty). */
    public UnknownStoreException(String storeId, List<String> similarIds) {
        super("unknown store '" + Objects.requireNonNull(storeId, "storeId") + "'");
        this.storeId = storeId;
        this.similarIds = List.copyOf(similarIds);
    }

    /** The id asked for. */
    public String storeId() {
        return storeId;
    }

    /** Known ids that start with the id asked for, in id order; empty when none do. */
    public List<String> similarIds() {
        return similarIds;
    }
}
