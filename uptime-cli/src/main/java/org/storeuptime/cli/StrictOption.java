package org.storeuptime.cli;

import picocli.CommandLine.Option;

/**
 * {@code --strict} of the commands that read input files ({@code import}, {@code report}): a rejected row fails the
 * run instead of being left out. Used as a {@code @Mixin}.
 */
final class StrictOption {

    @Option(names = "--strict", description = "With input files: fail, loading and computing nothing, when any "
            + "input row is rejected.")
    boolean strict;
}
