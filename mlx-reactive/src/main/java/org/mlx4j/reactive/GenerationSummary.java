package org.mlx4j.reactive;

import java.time.Duration;

/**
 * What one generation run did, delivered to the consumer registered with
 * {@link Generation#summaryTo(java.util.function.Consumer)} when the run ends (before {@code onComplete}
 * or {@code onError} reach the subscriber; after the last in-flight step has finished on cancel).
 *
 * @param steps            steps computed, the look-ahead step included
 * @param tokens           tokens emitted to the subscriber
 * @param elapsed          from the first request to the end of the run
 * @param timeToFirstToken from the first request to the first emission ({@link Duration#ZERO} if none)
 * @param tokensPerSecond  tokens / elapsed seconds
 * @param peakMemory       {@code Memory.peakMemory()} at the end of the run (process-wide, as MLX reports it)
 * @param peakActiveMemory the largest {@code Memory.activeMemory()} seen at step boundaries during the run
 * @param end              how the run ended
 */
public record GenerationSummary(long steps, long tokens, Duration elapsed, Duration timeToFirstToken,
                                double tokensPerSecond, long peakMemory, long peakActiveMemory, End end) {

    /** How a generation run ended. */
    public enum End {
        /** Every token was emitted ({@code maxSteps}, {@code until}, or a step function that ended it). */
        COMPLETED,
        /** The subscriber cancelled. */
        CANCELLED,
        /** A kernel, a step function or the initial state failed. */
        FAILED
    }

    /**
     * A log line: tokens, steps, time, throughput, time to the first token, peak memory and how the run ended.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return String.format("%d tokens (%d steps) in %.3f s, %.1f tokens/s, first token after %.1f ms, peak memory %.2f MB, %s",
                tokens, steps, elapsed.toNanos() / 1e9, tokensPerSecond, timeToFirstToken.toNanos() / 1e6,
                peakMemory / 1e6, end.name().toLowerCase(java.util.Locale.ROOT));
    }
}
