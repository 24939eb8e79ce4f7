package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.Closure;

class ClosureWriterTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final LocalDateTime START = LocalDateTime.of(2024, 12, 24, 0, 0);
    private static final LocalDateTime END = LocalDateTime.of(2024, 12, 27, 0, 0);

    private ClosureWriter writer;

    @BeforeEach
    void emptyTables() throws Exception {
        LiveTables.empty(DB.dataSource(), DB.schema());
        writer = DB.uptimeDatabase().closures();
    }

    private List<String> rows(String table) throws Exception {
        return LiveTables.contents(DB.dataSource(), DB.schema()).get(table);
    }

    @Test
    void addingTwiceIsADuplicateAndTheFirstReasonStays() throws Exception {
        assertThat(writer.add(List.of(Closure.of("s1", START, END, "holidays"), Closure.of("*", START, END, "all"))))
                .isEqualTo(new WriteResult(2, 0));
        assertThat(writer.add(List.of(Closure.of("s1", START, END, "other reason")))).isEqualTo(new WriteResult(0, 1));
        assertThat(writer.add(List.of(Closure.of("s2", START, END, "a"), Closure.of("s2", START, END, "b"))))
                .isEqualTo(new WriteResult(1, 1));
        assertThat(rows("store_closure")).containsExactly("(*,\"2024-12-24 00:00:00\",\"2024-12-27 00:00:00\",all)",
                "(s1,\"2024-12-24 00:00:00\",\"2024-12-27 00:00:00\",holidays)",
                "(s2,\"2024-12-24 00:00:00\",\"2024-12-27 00:00:00\",a)");
        // As in the import, closures do not create stores.
        assertThat(rows("store")).isEmpty();
    }

    @Test
    void removeSaysWhetherAClosureWasRemoved() throws Exception {
        writer.add(List.of(Closure.of("s1", START, END, "holidays"), Closure.of("*", START, END, "all")));
        assertThat(writer.remove("s1", START, END)).isTrue();
        assertThat(writer.remove("s1", START, END)).isFalse();
        assertThat(writer.remove("*", START, END.plusDays(1))).isFalse();
        assertThat(rows("store_closure")).containsExactly("(*,\"2024-12-24 00:00:00\",\"2024-12-27 00:00:00\",all)");
        assertThat(writer.remove("*", START, END)).isTrue();
        assertThat(rows("store_closure")).isEmpty();
    }
}
