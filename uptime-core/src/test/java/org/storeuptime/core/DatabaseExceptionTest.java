package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseExceptionTest {

    @Test
    void aLostConnectionARestartAndAConflictAreTransient() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "40001", "40P01"}) {
            DatabaseException e = DatabaseException.of("reading the polls", new SQLException("boom", state));
            assertThat(e.isTransient()).as(state).isTrue();
            assertThat(e.sqlState()).contains(state);
            assertThat(e.getMessage()).startsWith("reading the polls failed: database ");
        }
    }

    @Test
    void aMissingTableIsNotTransientAndTheDriverTextStaysInTheDetail() {
        DatabaseException e = DatabaseException.of("reading the polls",
                new IllegalStateException("wrapped", new SQLException("relation \"store_status\" does not exist", "42P01")));
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("reading the polls failed: database error").doesNotContain("relation");
        assertThat(e.detail()).isEqualTo("relation \"store_status\" does not exist");
    }

    @Test
    void aPoolTimeoutWithoutStateAndABrokenSocketAreConnectionLosses() {
        assertThat(DatabaseException.of("x", new SQLTransientConnectionException("timed out")).isTransient()).isTrue();
        DatabaseException socket = DatabaseException.of("x", new SQLException("I/O error", null, new EOFException()));
        assertThat(socket.isTransient()).isTrue();
        assertThat(socket.getMessage()).contains("connection lost");
    }

    @Test
    void anExistingDatabaseExceptionIsKeptAsItIs() {
        DatabaseException inner = new DatabaseException("the schema is too new");
        assertThat(DatabaseException.of("reading", new RuntimeException(inner))).isSameAs(inner);
    }

    @Test
    void aMessageWithTheDriversWordsKeepsItsKindAndADescriptionWithoutThem() {
        DatabaseException e = new DatabaseException("reading the polls failed (schema s): Verbindung abgelehnt",
                new SQLException("Verbindung abgelehnt", "08001"));
        assertThat(e.isTransient()).isTrue();
        assertThat(e.sqlState()).contains("08001");
        assertThat(e.getMessage()).contains("Verbindung abgelehnt");
        assertThat(e.description()).isEqualTo("database unavailable (connection lost or refused)");
        assertThat(e.summary()).isEqualTo("database unavailable (connection lost or refused)");
        assertThat(new DatabaseException("malformed answer").description()).isEqualTo("database error");
        DatabaseException withAction = new DatabaseException("reading the polls (schema s)",
                "reading the polls failed (schema s): Verbindung abgelehnt", new SQLException("x", "57P01"));
        assertThat(withAction.summary())
                .isEqualTo("reading the polls (schema s) failed: database unavailable (shutting down, restarting or not accepting connections)");
        assertThat(DatabaseException.of("reading", new SQLException("y", "42P01")).summary())
                .isEqualTo("reading failed: database error");
    }
}
