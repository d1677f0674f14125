package org.mlx4j.optimizers;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/** MLX's learning-rate schedules ({@code mlx.optimizers.step_decay} and the others), usable as any hyper-parameter. */
public final class Schedules {
    private Schedules() {}

    private static Array f32(Array step) { return step.astype(DType.FLOAT32); }

    /**
     * {@code init * decayRate ^ floor(step / stepSize)}. MLX: {@code step_decay}.
     *
     * @param init the initial value
     * @param decayRate the factor applied every {@code stepSize} steps
     * @param stepSize how many steps between decays
     * @return the schedule
     * @throws IllegalArgumentException if {@code stepSize} is not positive
     */
    public static Schedule stepDecay(double init, double decayRate, int stepSize) {
        if (stepSize <= 0) throw new IllegalArgumentException("stepDecay: stepSize must be positive, got " + stepSize);
        return step -> Mx.power(decayRate, Mx.floorDivide(f32(step), (double) stepSize)).multiply(init);
    }

    /**
     * {@code init * decayRate ^ step}. MLX: {@code exponential_decay}.
     *
     * @param init the initial value
     * @param decayRate the factor per step
     * @return the schedule
     */
    public static Schedule exponentialDecay(double init, double decayRate) {
        return step -> Mx.power(decayRate, f32(step)).multiply(init);
    }

    /**
     * Cosine decay from {@code init} to {@code end} over {@code decaySteps}, then {@code end}. MLX: {@code cosine_decay}.
     *
     * @param init the initial value
     * @param decaySteps the length of the decay
     * @param end the final value (MLX's default 0)
     * @return the schedule
     * @throws IllegalArgumentException if {@code decaySteps} is not positive
     */
    public static Schedule cosineDecay(double init, int decaySteps, double end) {
        if (decaySteps <= 0) throw new IllegalArgumentException("cosineDecay: decaySteps must be positive, got " + decaySteps);
        return step -> {
            Array s = Mx.minimum(f32(step), (double) decaySteps);
            Array decay = Mx.cos(s.multiply(Math.PI / decaySteps)).add(1.0).multiply(0.5);
            return decay.multiply(init - end).add(end);
        };
    }

    /**
     * Linear from {@code init} to {@code end} over {@code steps}, then {@code end}. MLX: {@code linear_schedule}.
     *
     * @param init the initial value
     * @param end the final value
     * @param steps the length of the ramp
     * @return the schedule
     * @throws IllegalArgumentException if {@code steps} is not positive
     */
    public static Schedule linearSchedule(double init, double end, int steps) {
        if (steps <= 0) throw new IllegalArgumentException("linearSchedule: steps must be positive, got " + steps);
        return step -> Mx.minimum(f32(step), (double) steps).multiply((end - init) / steps).add(init);
    }

    /**
     * The schedules one after another: {@code schedules[i + 1]} from step {@code boundaries[i]} on, started at its
     * own step 0 there (a warm-up joined to a decay). MLX: {@code join_schedules}.
     *
     * @param schedules the schedules, one more than the boundaries
     * @param boundaries the steps at which the next schedule takes over
     * @return the schedule
     * @throws IllegalArgumentException if the counts do not match
     */
    public static Schedule joinSchedules(List<Schedule> schedules, int[] boundaries) {
        if (schedules.isEmpty() || boundaries.length != schedules.size() - 1) {
            throw new IllegalArgumentException("joinSchedules: " + schedules.size() + " schedules need "
                    + Math.max(0, schedules.size() - 1) + " boundaries, got " + boundaries.length);
        }
        List<Schedule> copy = List.copyOf(schedules);
        int[] bounds = boundaries.clone();
        return step -> {
            Array out = copy.get(0).at(step);
            for (int i = 0; i < bounds.length; i++) {
                Array shifted = f32(step).subtract((double) bounds[i]);
                out = Mx.where(Mx.less(f32(step), (double) bounds[i]), out, copy.get(i + 1).at(shifted));
            }
            return out;
        };
    }
}
