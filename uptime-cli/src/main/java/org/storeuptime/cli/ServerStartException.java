package org.storeuptime.cli;

import org.storeuptime.core.UptimeException;

/** {@code uptime serve} could not start its server (the address is taken, or the routes could not be set up). */
final class ServerStartException extends UptimeException {

    ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
