package org.storeuptime.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of this module's tests (chosen with {@code -Dslf4j.provider=} in the POM): it prints through
 * slf4j-simple exactly as before, and also keeps the recent events of our own loggers ({@code org.storeuptime.*})
 * and of Javalin's and db-scheduler's,
 * at every level including debug, so that tests can check what the server logs.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    private static final int KEPT = 20_000;
    private static final Deque<String> EVENTS = new ArrayDeque<>();

    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, this::newLogger);

    /** The kept events of those loggers, oldest first, as {@code "LEVEL logger - message"}. */
    public static List<String> events() {
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
    }

    private static void keep(String event) {
        synchronized (EVENTS) {
            if (EVENTS.size() == KEPT) {
                EVENTS.removeFirst();
            }
            EVENTS.addLast(event);
        }
    }

    private Logger newLogger(String name) {
        Logger printer = simple.getLoggerFactory().getLogger(name);
        // Javalin's and db-scheduler's too: what they log on our behalf counts
        return name.startsWith("org.storeuptime") || name.startsWith("io.javalin")
                || name.startsWith("com.github.kagkarlsson") ? new KeepingLogger(name, printer) : printer;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return simple.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return simple.getMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return simple.getRequestedApiVersion();
    }

    @Override
    public void initialize() {
        simple.initialize();
    }

    /** Keeps every event, then prints it through slf4-simple when that logger's level lets it. */
    private static final class KeepingLogger extends AbstractLogger {
        private final transient Logger printer;

        KeepingLogger(String name, Logger printer) {
            this.name = name;
            this.printer = printer;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            keep(level + " " + name + " - " + message
                    + (throwable == null ? "" : " [" + throwable.getClass().getName() + ": " + throwable.getMessage() + "]"));
            if (printer.isEnabledForLevel(level)) {
                switch (level) {
                    case ERROR -> printer.error(message, throwable);
                    case WARN -> printer.warn(message, throwable);
                    case INFO -> printer.info(message, throwable);
                    case DEBUG -> printer.debug(message, throwable);
                    case TRACE -> printer.trace(message, throwable);
                    default -> throw new IllegalStateException("unknown level " + level);
                }
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }
}
