package org.mlx4j.reactive;

import java.time.Duration;

/**
 * Progress after one training step.
 *
 * @param step              0-based step index
 * @param loss              the step's loss
 * @param samples           samples seen so far
 * @param elapsed           since the first step was built
 * @param stepsPerSecond    steps / elapsed seconds
 * @param samplesPerSecond  samples / elapsed seconds
 */
public record TrainingStep(long step, float loss, long samples, Duration elapsed, double stepsPerSecond, double samplesPerSecond) {
    /**
     * A log line, for example {@code step 100: loss 0.01234, 812.5 steps/s, 52000.0 samples/s}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return String.format("step %d: loss %.5f, %.1f steps/s, %.1f samples/s", step, loss, stepsPerSecond, samplesPerSecond);
    }
}
