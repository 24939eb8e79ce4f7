package org.storeuptime.jdbc;

import static org.storeuptime.jdbc.schema.Tables.STORE_REPORT;

import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.reports.AbstractReportRepositoryTest;
import org.storeuptime.core.reports.ReportRepository;

class JdbcReportRepositoryTest extends AbstractReportRepositoryTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    @Override
    protected ReportRepository repository() {
        DSL.using(DB.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderMapping(new RenderMapping()
                        .withSchemata(new MappedSchema().withInput("public").withOutput(DB.schema()))))
                .deleteFrom(STORE_REPORT).execute();
        return DB.uptimeDatabase().reportRepository();
    }
}
