package org.storeuptime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.StoreSummary;
import org.storeuptime.core.StoreTimeline;
import org.storeuptime.core.StoreTimeline.Outage;
import org.storeuptime.core.StoreTimeline.ReportWindowFigures;
import org.storeuptime.core.StoreTimeline.WindowFigures;
import org.storeuptime.core.UnknownStoreException;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeWindow;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.ReportRow;
import org.storeuptime.server.StoreViewJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code uptime store ID}: one store's zone, hours, figures per window and the last week's outages, from the
 * input files or the database, as text for a terminal or ({@code --json}) as the API's {@code GET /stores/{id}}.
 */
@Command(name = "store",
        mixinStandardHelpOptions = true,
        description = {
            "Shows one store: its time zone, business hours in local time, uptime and downtime with percentages, "
                + "outage count and longest outage for the last hour, day and week (or each --window), and the last "
                + "week's outages.",
            "Reads CSV files (--data, or --status, --hours, --timezones) or a database filled by 'uptime import' "
                + "(--jdbc-url, or $UPTIME_JDBC_URL). --json prints exactly the body of GET /stores/{id}."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed (also: no such store)", "2:wrong usage"})
final class StoreCommand implements Callable<Integer> {

    /** How many similar ids an unknown store's message suggests at most. */
    static final int SUGGESTED = 5;
    /** How many stores whose id contains the unknown one are searched for those that start with it. */
    private static final int SEARCHED = 1000;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx",
            Locale.ROOT);

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The store id (exact).")
    String storeId;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Input files (a folder or three files):%n")
    InputFilesOptions input;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ReportWindowOptions window;

    @Option(names = "--json", description = "Print the API's JSON (GET /stores/{id}) instead of text.")
    boolean json;

    @Override
    public Integer call() {
        CliEnvironment env = parent.environment();
        ReportRequest request = window.request(spec);
        if (input != null) {
            database.requireNoneBesideFiles(spec);
            InputFiles files = input.resolve(spec);
            // the files' summaries and any rejected rows go to standard error, as with 'uptime report'
            StoreReader data = ReportCommand.load(files, false, env.err()).data();
            show(env, data, request);
            return UptimeCli.DONE;
        }
        String url = database.url(env);
        if (url == null) {
            throw new ParameterException(spec.commandLine(), "missing the input: give --data DIR, or --status F "
                    + "--hours F --timezones F, or --jdbc-url URL (or set " + DatabaseOptions.URL_VARIABLE + ")");
        }
        try (DatabaseOptions.OpenDatabase open = database.openUnpooled(spec, env, url, parent.startup())) {
            DatabaseOptions.requireMigrated(open);
            show(env, open.database().storeReader(), request);
        }
        return UptimeCli.DONE;
    }

    private void show(CliEnvironment env, StoreReader reader, ReportRequest request) {
        UptimeEngine engine = UptimeEngine.builder().options(request.options())
                .clock(env.clock()).build();
        StoreTimeline timeline = engine.timeline(reader, storeId, request)
                .orElseThrow(() -> new UnknownStoreException(storeId, similarIds(reader, storeId)));
        Instant lastPoll = reader.lastPoll(timeline.store().id()).orElse(null);
        PrintStream out = env.out();
        if (json) {
            try {
                out.println(new ObjectMapper().writeValueAsString(StoreViewJson.store(timeline, lastPoll)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
            }
        } else {
            out.print(text(timeline, lastPoll));
        }
        out.flush();
    }

    /**
     * Up to {@value #SUGGESTED} known ids that start with {@code storeId}, in id order: what was meant when a
     * prefix was typed for a whole id. The listing filters on "contains", so a page of its first matches is
     * searched for those that start with it.
     */
    static List<String> similarIds(StoreReader reader, String storeId) {
        if (storeId.isEmpty()) {
            return List.of();
        }
        List<String> similar = new ArrayList<>();
        for (StoreSummary store : reader.list(storeId, SEARCHED, 0, Instant.EPOCH, Instant.EPOCH).stores()) {
            if (store.storeId().startsWith(storeId) && similar.size() < SUGGESTED) {
                similar.add(store.storeId());
            }
        }
        return similar;
    }

    /** The store as text for a terminal. */
    static String text(StoreTimeline t, Instant lastPoll) {
        ZoneId zone = t.store().zone();
        StringBuilder s = new StringBuilder();
        s.append("store ").append(t.store().id()).append('\n');
        s.append("  time zone  ").append(zone.getId())
                .append(t.profile().zoneDefaulted() ? " (none given: the default)" : "").append('\n');
        s.append("  now        ").append(t.now()).append("  = ").append(local(t.now(), zone)).append('\n');
        s.append("  last seen  ").append(lastPoll == null ? "never (no polls)"
                : lastPoll + "  = " + local(lastPoll, zone)).append('\n');
        s.append("  options    ").append(t.options().extrapolation().optionName()).append(", lookback ")
                .append(t.options().lookback()).append('\n');
        s.append('\n').append("business hours (local time)\n");
        if (t.store().hours().isAlwaysOpen()) {
            s.append("  open 24 hours, 7 days (no hours given)\n");
        } else {
            List<OpeningPeriod> periods = new ArrayList<>(t.store().hours().periods());
            periods.sort(Comparator.comparing(OpeningPeriod::day).thenComparing(OpeningPeriod::start));
            for (OpeningPeriod p : periods) {
                String day = p.day().name().charAt(0) + p.day().name().substring(1, 3).toLowerCase(Locale.ROOT);
                String note = p.end().equals(p.start()) ? "  (24 hours)" : p.end().isBefore(p.start()) ? "  (overnight)" : "";
                s.append("  ").append(day).append("  ").append(p.start()).append(" - ").append(p.end()).append(note)
                        .append('\n');
            }
        }
        if (!t.windows().isEmpty()) {
            windows(s, t);
        } else {
            classicWindows(s, t);
        }
        s.append('\n');
        List<Outage> outages = t.outages();
        s.append("outages in the last week: ").append(outages.size()).append('\n');
        for (Outage o : outages) {
            s.append("  ").append(local(o.span().start(), zone)).append("  to  ").append(local(o.span().end(), zone))
                    .append("  ").append(duration(o.duration()))
                    .append(o.pieces().size() > 1 ? "  (across " + (o.pieces().size() - 1) + " closing"
                            + (o.pieces().size() > 2 ? "s" : "") + ")" : "")
                    .append('\n');
        }
        return s.toString();
    }

    /**
     * The windows asked for with {@code --window}: each one's local range in the store's zone and its figures,
     * business time to the second.
     */
    private static void windows(StringBuilder s, StoreTimeline t) {
        ZoneId zone = t.store().zone();
        s.append('\n');
        s.append(String.format(Locale.ROOT, "  %-24s %14s %14s %9s %8s %15s%n", "window", "uptime", "downtime",
                "uptime %", "outages", "longest outage"));
        boolean anyPercent = false;
        for (ReportWindowFigures f : t.windows()) {
            anyPercent |= f.uptimePercent() != null;
            s.append(String.format(Locale.ROOT, "  %-24s %14s %14s %9s %8d %15s%n", f.window().text(),
                    duration(f.uptime()), duration(f.downtime()),
                    f.uptimePercent() == null ? "-" : f.uptimePercent().toPlainString(), f.outageCount(),
                    duration(f.longestOutage())));
        }
        for (ReportWindowFigures f : t.windows()) {
            s.append("  ").append(f.window().text()).append(": ").append(local(f.range().start(), zone))
                    .append("  to  ").append(local(f.range().end(), zone)).append('\n');
        }
        if (!anyPercent) {
            s.append("  (no business time or no poll counted: no percentages)\n");
        }
    }

    /** The last hour, day and week, as the report's columns round them. */
    private static void classicWindows(StringBuilder s, StoreTimeline t) {
        ReportRow row = ReportRow.of(t.uptime());
        s.append('\n');
        s.append(String.format(Locale.ROOT, "  %-10s %12s %12s %9s %8s %15s%n", "window", "uptime", "downtime",
                "uptime %", "outages", "longest outage"));
        String[] up = {row.uptimeLastHour() + " min", row.uptimeLastDay() + " h", row.uptimeLastWeek() + " h"};
        String[] down = {row.downtimeLastHour() + " min", row.downtimeLastDay() + " h", row.downtimeLastWeek() + " h"};
        for (UptimeWindow w : UptimeWindow.values()) {
            WindowFigures f = t.window(w);
            s.append(String.format(Locale.ROOT, "  %-10s %12s %12s %9s %8d %15s%n",
                    w.name().toLowerCase(Locale.ROOT).replace('_', ' '), up[w.ordinal()], down[w.ordinal()],
                    f.uptimePercent() == null ? "-" : f.uptimePercent().toPlainString(), f.outageCount(),
                    duration(f.longestOutage())));
        }
        if (t.window(UptimeWindow.LAST_WEEK).uptimePercent() == null) {
            s.append("  (no business time or no poll counted: no percentages)\n");
        }
    }

    private static String local(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone));
    }

    /** {@code 1 h 05 min}, {@code 12 min 30 s}, {@code 0 s}: business time, to the second. */
    static String duration(Duration d) {
        long seconds = d.getSeconds();
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long sec = seconds % 60;
        if (h > 0) {
            return String.format(Locale.ROOT, "%d h %02d min", h, m);
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%d min %02d s", m, sec);
        }
        return sec + " s";
    }
}
