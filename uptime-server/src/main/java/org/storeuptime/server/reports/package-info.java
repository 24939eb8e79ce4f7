/**
 * The report jobs behind the HTTP API: the {@link org.storeuptime.server.reports.ReportService} (in memory or on a
 * database with db-scheduler) and its builder, cron schedules, retries after transient database failures, and the
 * retention of reports and polls. Knows nothing of HTTP. Nothing is {@code null} unless marked.
 */
@NullMarked
package org.storeuptime.server.reports;

import org.jspecify.annotations.NullMarked;
