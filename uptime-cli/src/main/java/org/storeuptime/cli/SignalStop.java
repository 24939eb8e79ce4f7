package org.storeuptime.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT turned into a request to stop, for {@code uptime ingest}: the JVM's own handling would exit
 * at once and lose the batch being read. Java has no public API for this; {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}) is the supported way until there is one. Closing puts the previous handlers back.
 */
final class SignalStop implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final List<Signal> signals;
    private final List<SignalHandler> previous;

    private SignalStop(List<Signal> signals, List<SignalHandler> previous) {
        this.signals = signals;
        this.previous = previous;
    }

    /** Runs {@code stop} on SIGTERM or SIGINT until closed; signals this JVM cannot handle are left as they are. */
    static SignalStop install(Runnable stop) {
        List<Signal> signals = new ArrayList<>();
        List<SignalHandler> previous = new ArrayList<>();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                previous.add(Signal.handle(signal, s -> stop.run()));
                signals.add(signal);
            } catch (IllegalArgumentException e) {
                // the signal is unknown here or used by the JVM (-Xrs): the default handling stays
            }
        }
        return new SignalStop(signals, previous);
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
