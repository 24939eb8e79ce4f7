package org.storeuptime.jdbc;

import static org.storeuptime.jdbc.schema.Tables.STORE;
import static org.storeuptime.jdbc.schema.Tables.STORE_BUSINESS_HOUR;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;
import static org.storeuptime.jdbc.schema.Tables.STORE_TIMEZONE;

import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.AbstractStoreReaderTest;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.Poll;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.StoreProfile;
import org.storeuptime.core.StoreReader;

/** The database's {@link StoreReader}, loaded with the rows an import of the same data would write. */
class JdbcStoreReaderTest extends AbstractStoreReaderTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    /** The data loaded into the schema: the contract's tests only read, so each data set is loaded once. */
    private static StoreDataSet loaded;

    @Override
    protected StoreReader reader(StoreDataSet data) {
        if (loaded == null || !sameContent(loaded, data)) {
            load(data);
            loaded = data;
        }
        return DB.uptimeDatabase().storeReader();
    }

    private static boolean sameContent(StoreDataSet a, StoreDataSet b) {
        if (!a.storeIds().equals(b.storeIds())) {
            return false;
        }
        for (String id : a.storeIds()) {
            if (!a.profile(id).equals(b.profile(id)) || !a.polls(id).equals(b.polls(id))) {
                return false;
            }
        }
        return true;
    }

    private static void load(StoreDataSet data) {
        DSLContext dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderMapping(
                new RenderMapping().withSchemata(new MappedSchema().withInput("public").withOutput(DB.schema()))));
        dsl.truncate(STORE_STATUS, STORE_TIMEZONE, STORE_BUSINESS_HOUR, STORE).execute();
        for (String id : data.storeIds()) {
            dsl.insertInto(STORE).values(id).execute();
            StoreProfile profile = data.profile(id).orElseThrow();
            if (!profile.zoneDefaulted()) {
                dsl.insertInto(STORE_TIMEZONE).values(id, profile.store().zone().getId()).execute();
            }
            for (OpeningPeriod p : profile.store().hours().periods()) {
                dsl.insertInto(STORE_BUSINESS_HOUR).values(id, (short) p.day().ordinal(), p.start(), p.end()).execute();
            }
            var batch = dsl.batch(dsl.insertInto(STORE_STATUS).values((String) null, null, null));
            for (Poll poll : data.polls(id)) {
                // a session offset that is neither UTC nor the JVM's, as a real client might send
                batch.bind(id, poll.timestamp().atOffset(ZoneOffset.ofHours(-7)), poll.status().csvValue());
            }
            if (!data.polls(id).isEmpty()) {
                batch.execute();
            }
        }
    }
}
