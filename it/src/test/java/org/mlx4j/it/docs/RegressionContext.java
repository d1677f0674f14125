package org.mlx4j.it.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.reactive.DataLoader;
import org.mlx4j.reactive.TrainStep;
import reactor.core.publisher.Flux;

/**
 * For training examples: a linear regression. {@code x} (256 samples of 4 features) and {@code y}
 * ({@code x} times fixed weights, shape [256, 1]); {@code step}, a {@code TrainStep<Map<String, Array>>}
 * doing gradient descent on the mean squared error of batches with columns "x" and "y"; {@code batches},
 * a cold {@code Flux} of such batches (64 samples, up to 100 epochs); {@code computeStream}; and
 * {@code log}. Checks that training found the weights.
 */
public class RegressionContext extends ExampleContext {
    private static final Stream COMPUTE = Mx.newStream(Device.cpu());
    private static final float[] TRUE_WEIGHTS = {1.5f, -2f, 0.5f, 3f};

    protected final Array x;
    protected final Array y;
    protected final GradientDescent step = new GradientDescent(TRUE_WEIGHTS.length, 0.1f);
    protected final Flux<Map<String, Array>> batches;
    protected final Stream computeStream = COMPUTE;

    public RegressionContext() {
        int n = 256, f = TRUE_WEIGHTS.length;
        Random r = new Random(3);
        float[] xs = new float[n * f];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                xs[i * f + j] = (float) r.nextGaussian();
                ys[i] += xs[i * f + j] * TRUE_WEIGHTS[j];
            }
        }
        x = Mx.array(xs, n, f);
        y = Mx.array(ys, n, 1);
        batches = DataLoader.fromArrays(Map.of("x", x, "y", y)).shuffle(1).batchSize(64).epochs(100).batches();
    }

    @Override
    public void verify() throws Exception {
        assertThat(step.w.toFloatArray()).as("weights found by training").containsExactly(TRUE_WEIGHTS, within(0.05f));
        super.verify();
    }

    /** Gradient descent on the mean squared error of {@code x w} against {@code y}, keeping {@code w} (lazy) between steps. */
    public static final class GradientDescent implements TrainStep<Map<String, Array>> {
        Array w;
        private final float lr;

        GradientDescent(int features, float lr) {
            this.w = Mx.zeros(new int[] {features, 1}, DType.FLOAT32);
            this.lr = lr;
        }

        @Override
        public StepGraph apply(long step, Map<String, Array> batch) {
            Array xb = batch.get("x");
            Array err = xb.matmul(w).subtract(batch.get("y"));
            Array loss = err.square().mean();
            Array grad = Mx.transpose(xb).matmul(err).multiply(2.0 / xb.shape(0));
            Array old = w;
            w = w.subtract(grad.multiply(lr));
            return StepGraph.of(loss, w).releasing(old);
        }
    }
}
