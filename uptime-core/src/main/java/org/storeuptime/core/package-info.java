/**
 * The engine and its values: stores, business hours, polls, windows, closures, requests and reports.
 *
 * <p>Null-marked: no parameter, return value or component is {@code null} unless annotated {@code @Nullable}.
 */
@NullMarked
package org.storeuptime.core;

import org.jspecify.annotations.NullMarked;
