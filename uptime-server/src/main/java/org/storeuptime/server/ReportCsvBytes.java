package org.storeuptime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.storeuptime.core.StoreUptime;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.UptimeWindow;

/** The bytes of a report's CSV. INTERIM until core's ReportCsv is merged. */
final class ReportCsvBytes {

    private ReportCsvBytes() {
    }

    static byte[] of(UptimeReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write("store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week\n");
            for (StoreUptime row : report.rows()) {
                w.write(row.storeId());
                for (boolean up : new boolean[] {true, false}) {
                    for (UptimeWindow window : UptimeWindow.values()) {
                        Duration d = up ? row.uptime(window) : row.downtime(window);
                        BigDecimal unit = window == UptimeWindow.values()[0] ? BigDecimal.valueOf(60_000_000_000L)
                                : BigDecimal.valueOf(3_600_000_000_000L);
                        w.write(',');
                        w.write(new BigDecimal(d.toNanos()).divide(unit, 2, RoundingMode.HALF_UP).toPlainString());
                    }
                }
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
