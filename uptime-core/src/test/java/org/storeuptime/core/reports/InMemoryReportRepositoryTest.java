package org.storeuptime.core.reports;

class InMemoryReportRepositoryTest extends AbstractReportRepositoryTest {

    @Override
    protected ReportRepository repository() {
        return new InMemoryReportRepository();
    }
}
