package com.dcbeacon.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** A short command the benchmarks run to its end (wrk, taskset), with its output and exit code checked. */
final class ExternalCommand {

    private ExternalCommand() {}

    /**
     * Runs {@code command} and returns what it printed (standard output and error together). A non-zero exit throws an
     * {@link IllegalStateException} with {@code failure} of that output as its message; a command that cannot be started
     * throws an {@link UncheckedIOException} with {@code cannotStart}.
     */
    static String run(List<String> command, String cannotStart, Function<String, String> failure) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(failure.apply(output));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(cannotStart, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
