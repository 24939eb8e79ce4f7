package org.storeuptime.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.reports.ReportService;

/** The store routes on a database server: stores, polls and reports read from PostgreSQL. */
class DatabaseStoreRoutesTest extends AbstractStoreRoutesTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();
    private boolean loaded;

    @Override
    UptimeServer server(String token) {
        if (!loaded) {
            DatabaseLoader.load(DB.dataSource(), DB.schema(), DATA);
            dropDefaultedZones();
            loaded = true;
        }
        ReportService service = ReportService.builder().database(DB.uptimeDatabase())
                .pollingInterval(Duration.ofMillis(200)).build();
        return UptimeServer.builder(service).port(0).apiToken(token).build().start();
    }

    /** The loader writes every store's zone; a store without one in the input has no row, as after an import. */
    private static void dropDefaultedZones() {
        String sql = "delete from \"" + DB.schema() + "\".store_timezone where store_id = ?";
        try (Connection c = DB.dataSource().getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
            for (String id : DATA.storeIds()) {
                if (DATA.profile(id).orElseThrow().zoneDefaulted()) {
                    delete.setString(1, id);
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
