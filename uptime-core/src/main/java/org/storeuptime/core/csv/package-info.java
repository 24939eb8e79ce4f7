/**
 * Loading the input files into memory and writing and reading report CSVs.
 *
 * <p>Null-marked: no parameter, return value or component is {@code null} unless annotated {@code @Nullable}.
 */
@NullMarked
package org.storeuptime.core.csv;

import org.jspecify.annotations.NullMarked;
