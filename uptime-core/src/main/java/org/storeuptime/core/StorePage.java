package org.storeuptime.core;

import java.util.List;
import java.util.Objects;

/**
 * A page of a store listing ({@link StoreReader#list}).
 *
 * @param total how many stores match the filter, on all pages
 * @param stores this page's stores, in plain string order of their ids
 */
public record StorePage(long total, List<StoreSummary> stores) {

    public StorePage {
        Objects.requireNonNull(stores, "stores");
        stores = List.copyOf(stores);
        if (total < stores.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the page's " + stores.size()
                    + " stores");
        }
    }

    /** Checks the paging arguments of {@link StoreReader#list}, for implementations. */
    public static void checkPaging(int limit, int offset) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }
}
