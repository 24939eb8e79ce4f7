/**
 * Report records and the port of their repository.
 *
 * <p>Null-marked: no parameter, return value or component is {@code null} unless annotated {@code @Nullable}.
 */
@NullMarked
package org.storeuptime.core.reports;

import org.jspecify.annotations.NullMarked;
