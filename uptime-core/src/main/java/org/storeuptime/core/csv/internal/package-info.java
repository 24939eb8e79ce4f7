/**
 * The streaming readers of the input files and their checks, shared by the core's loader, uptime-jdbc's importer
 * and uptime-spark. Not API: the module exports this package only to those modules ({@code module-info.java}),
 * and it may change in any release. Null-marked: nothing is {@code null} unless annotated {@code @Nullable}.
 */
@NullMarked
package org.storeuptime.core.csv.internal;

import org.jspecify.annotations.NullMarked;
