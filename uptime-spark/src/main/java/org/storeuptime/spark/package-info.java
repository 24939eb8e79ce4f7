/**
 * The uptime report on Apache Spark: {@link org.storeuptime.spark.SparkUptime} over a
 * {@link org.storeuptime.spark.SparkInput}, and the {@code spark-report} command line. Nothing here takes or
 * returns {@code null} unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package org.storeuptime.spark;

import org.jspecify.annotations.NullMarked;
