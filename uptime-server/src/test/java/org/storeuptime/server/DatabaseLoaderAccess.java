package org.storeuptime.server;

import javax.sql.DataSource;
import org.storeuptime.core.StoreDataSet;

/** Lets tests of other packages load data with {@link DatabaseLoader}. */
public final class DatabaseLoaderAccess {

    private DatabaseLoaderAccess() {
    }

    public static void load(DataSource dataSource, String schema, StoreDataSet data) {
        DatabaseLoader.load(dataSource, schema, data);
    }
}
