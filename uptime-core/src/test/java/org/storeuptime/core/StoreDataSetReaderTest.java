package org.storeuptime.core;

/** {@link StoreDataSet} as a {@link StoreReader}. */
class StoreDataSetReaderTest extends AbstractStoreReaderTest {

    @Override
    protected StoreReader reader(StoreDataSet data) {
        return data;
    }
}
