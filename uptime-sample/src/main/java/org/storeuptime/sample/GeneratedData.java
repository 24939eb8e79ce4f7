package org.storeuptime.sample;

import java.util.Objects;
import org.storeuptime.core.csv.InputFiles;

/**
 * What {@link SampleDataGenerator} wrote.
 *
 * @param files the three files
 * @param stores stores in any file
 * @param statusRows rows of the status file (duplicates included)
 * @param hoursRows rows of the business hours file
 * @param timeZoneRows rows of the time zones file
 */
public record GeneratedData(InputFiles files, int stores, long statusRows, long hoursRows, long timeZoneRows) {

    public GeneratedData {
        Objects.requireNonNull(files, "files");
        if (stores < 0 || statusRows < 0 || hoursRows < 0 || timeZoneRows < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
