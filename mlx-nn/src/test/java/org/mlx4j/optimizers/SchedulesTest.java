package org.mlx4j.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

class SchedulesTest {
    private static void check(Schedule s, IntToDoubleFunction ref) {
        for (int step = 0; step < 40; step += 3) {
            double got = s.at(Mx.array(step, DType.UINT64)).doubleValue();
            assertThat(got).as("step %d", step).isCloseTo(ref.applyAsDouble(step), Offset.offset(1e-6));
        }
    }

    @Test
    void eachScheduleFollowsMlxsFormula() {
        check(Schedules.stepDecay(0.1, 0.9, 10), t -> 0.1 * Math.pow(0.9, t / 10));
        check(Schedules.exponentialDecay(0.1, 0.95), t -> 0.1 * Math.pow(0.95, t));
        check(Schedules.cosineDecay(0.1, 20, 0.01), t -> 0.01 + 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 20) / 20)) * 0.09);
        check(Schedules.linearSchedule(0, 0.1, 12), t -> Math.min(t, 12) * 0.1 / 12);
        Schedule warmupThenCosine = Schedules.joinSchedules(
                List.of(Schedules.linearSchedule(0, 0.1, 10), Schedules.cosineDecay(0.1, 30, 0)), new int[] {10});
        check(warmupThenCosine, t -> t < 10 ? t * 0.01 : 0.05 * (1 + Math.cos(Math.PI * Math.min(t - 10, 30) / 30)));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Schedules.stepDecay(0.1, 0.9, 0)).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> Schedules.joinSchedules(List.of(Schedules.exponentialDecay(1, 1)), new int[] {3}))
                .hasMessageContaining("boundaries");
    }
}
