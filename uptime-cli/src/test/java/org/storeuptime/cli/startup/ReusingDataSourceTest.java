package org.storeuptime.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.storeuptime.jdbc.DatabaseSchemaExtension;

/** The one reused connection of {@code report} and {@code store}, against the test database. */
class ReusingDataSourceTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static ReusingDataSource connections() {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(DB.database().urlWithSettings());
        return new ReusingDataSource(driver);
    }

    private static int backend(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getBackendPID();
    }

    @Test
    void aClosedConnectionIsHandedOutAgainWithoutItsTransaction() throws SQLException {
        try (ReusingDataSource connections = connections()) {
            connections.connect();
            int first;
            try (Connection connection = connections.getConnection()) {
                first = backend(connection);
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create temporary table reused_check (x int)");
                }
            }
            try (Connection connection = connections.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select to_regclass('pg_temp.reused_check') is null")) {
                assertThat(backend(connection)).isEqualTo(first);
                assertThat(connection.getAutoCommit()).isTrue();
                rows.next();
                assertThat(rows.getBoolean(1)).as("the table of the rolled back transaction is gone").isTrue();
            }
        }
    }

    @Test
    void twoAtOnceAreTwoConnectionsAndAClosedHandleIsClosed() throws SQLException {
        Connection keptA;
        Connection keptB;
        Connection closedC;
        try (ReusingDataSource connections = connections()) {
            Connection a = connections.getConnection();
            Connection b = connections.getConnection();
            Connection c = connections.getConnection();
            assertThat(backend(a)).isNotEqualTo(backend(b)).isNotEqualTo(backend(c));
            keptA = a.unwrap(Connection.class);
            keptB = b.unwrap(Connection.class);
            closedC = c.unwrap(Connection.class);
            a.close();
            b.close();
            c.close();
            assertThat(a.isClosed()).isTrue();
            assertThatThrownBy(a::createStatement).isInstanceOf(SQLException.class).hasMessage("connection closed");
            a.close(); // again: nothing
            assertThat(keptA.isClosed()).as("kept for the next caller").isFalse();
            assertThat(keptB.isClosed()).as("kept for the next caller").isFalse();
            assertThat(closedC.isClosed()).as("a third one is not kept").isTrue();
            try (Connection again = connections.getConnection()) {
                assertThat(again.unwrap(Connection.class)).isIn(keptA, keptB);
            }
        }
        assertThat(keptA.isClosed()).as("closed with the data source").isTrue();
        assertThat(keptB.isClosed()).as("closed with the data source").isTrue();
    }
}
