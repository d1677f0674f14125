package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Plans of every length up to 300 (mixed radix and Bluestein, built in one go) against a float64 DFT. */
class FftPlanTest {

    @Test
    void everyLengthMatchesTheDirectTransform() {
        Random rng = new Random(5);
        for (int n = 1; n <= 300; n++) {
            float[] re = new float[n], im = new float[n];
            for (int i = 0; i < n; i++) {
                re[i] = (float) rng.nextGaussian();
                im[i] = (float) rng.nextGaussian();
            }
            float[] yr = re.clone(), yi = im.clone();
            FftPlan plan = FftPlan.of(n);
            assertThat(plan.isBluestein()).as("Bluestein for %d", n).isEqualTo(FftPlan.factor(n) == null);
            plan.forward(yr, yi, false);
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int j = 0; j < n; j++) {
                    double angle = -2 * Math.PI * ((long) j * k % n) / n;
                    sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
                    si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
                }
                double tol = 1e-5 * (1 + Math.sqrt(n)) * Math.log(n + 1) * 4;
                assertThat((double) yr[k]).as("real part of bin %d of %d", k, n).isCloseTo(sr, within(tol));
                assertThat((double) yi[k]).as("imaginary part of bin %d of %d", k, n).isCloseTo(si, within(tol));
            }
        }
    }

    @Test
    void factorsPutFoursFirstAndRefuseLargePrimes() {
        assertThat(FftPlan.factor(4 * 4 * 2 * 3 * 13)).containsExactly(4, 4, 2, 3, 13);
        assertThat(FftPlan.factor(1)).isEmpty();
        assertThat(FftPlan.factor(2 * 17)).isNull();
    }
}
