/**
 * Store Uptime on PostgreSQL: {@link org.storeuptime.jdbc.UptimeDatabase} and what it hands out. Nothing here takes
 * or returns {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package org.storeuptime.jdbc;

import org.jspecify.annotations.NullMarked;
