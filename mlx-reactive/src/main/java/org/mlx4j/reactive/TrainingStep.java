package org.mlx4j.reactive;

import java.time.Duration;

/**
 * Progress after one training step.
 *
 * @param step              0-based step index
 * @param loss              the step's loss
 * @param samples           samples seen so far
 * @param elapsed           since the first batch was requested
 * @param stepsPerSecond    steps / elapsed seconds
 * @param samplesPerSecond  samples / elapsed seconds
 */
public record TrainingStep(long step, float loss, long samples, Duration elapsed, double stepsPerSecond, double samplesPerSecond) {
    @Override
    public String toString() {
        return String.format("step %d: loss %.5f, %.1f steps/s, %.1f samples/s", step, loss, stepsPerSecond, samplesPerSecond);
    }
}
