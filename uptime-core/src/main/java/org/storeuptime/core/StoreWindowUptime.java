package org.storeuptime.core;

import java.util.List;
import java.util.Objects;

/**
 * One row of a report that asked for {@link ReportWindow}s: a store's figures in each window, in the order asked.
 *
 * @param storeId the store
 * @param windows one entry per window of the report
 */
public record StoreWindowUptime(String storeId, List<WindowUptime> windows) {

    public StoreWindowUptime {
        Objects.requireNonNull(storeId, "storeId");
        windows = List.copyOf(windows);
    }
}
