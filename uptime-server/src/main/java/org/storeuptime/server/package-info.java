/**
 * The HTTP API: {@link org.storeuptime.server.UptimeRoutes} to mount on a host's Javalin app and the standalone
 * {@link org.storeuptime.server.UptimeServer}, with the web page, the OpenAPI document and the metrics of requests.
 * Failures are answered as JSON by their type, in one place. Nothing is {@code null} unless marked.
 */
@NullMarked
package org.storeuptime.server;

import org.jspecify.annotations.NullMarked;
