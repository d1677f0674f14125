package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlx4j.core.primitives.CustomVjp;
import org.mlx4j.core.transforms.Autodiff;

/**
 * A function with hand-written transformation rules: its values are those of the wrapped function, and
 * each rule given replaces the corresponding transformation of it ({@link #withVjp} for {@code grad} and
 * {@code vjp}, {@link #withJvp} for {@code jvp}, {@link #withVmap} for {@code vmap}); a transformation
 * without a rule goes through the function itself. Instances are immutable: each {@code with...} returns a
 * new function. MLX: {@code mx.custom_function} with its {@code .vjp}, {@code .jvp} and {@code .vmap}.
 *
 * <pre>{@code
 * CustomFunction f = Mx.customFunction(xs -> List.of(Mx.exp(xs.get(0))))
 *         .withVjp((args, cts, outs) -> List.of(Mx.multiply(cts.get(0), 2.0)));
 * Array g = Mx.grad(f).apply(List.of(Mx.array(1f))).get(0); // 2, not e
 * }</pre>
 */
public final class CustomFunction implements Fn {

    /** The forward-mode rule of a {@link CustomFunction}. MLX: {@code custom_function.jvp}. */
    @FunctionalInterface
    public interface JvpRule {
        /**
         * The tangents of the outputs.
         *
         * @param primals the function's arguments
         * @param tangents one tangent per argument (zeros for arguments that carry none)
         * @return one tangent per output
         */
        List<Array> jvp(List<Array> primals, List<Array> tangents);
    }

    /** The vmap rule of a {@link CustomFunction}. MLX: {@code custom_function.vmap}. */
    @FunctionalInterface
    public interface VmapRule {
        /**
         * The function over a batch.
         *
         * @param inputs the arguments, each batched along its axis in {@code axes}
         * @param axes each argument's batch axis, or {@link Mx#UNMAPPED} for an argument without one
         * @return the batched outputs and, for each, the axis that holds its batch
         */
        VmapResult vmap(List<Array> inputs, int[] axes);
    }

    /**
     * What a {@link VmapRule} returns.
     *
     * @param outputs the batched outputs
     * @param axes for each output, the axis holding the batch ({@link Mx#UNMAPPED}: the output has none and
     * is the same for every example)
     */
    public record VmapResult(List<Array> outputs, int[] axes) {
        /**
         * Checks the lengths agree.
         *
         * @param outputs the batched outputs
         * @param axes the batch axis of each output
         * @throws IllegalArgumentException if there is not one axis per output
         */
        public VmapResult {
            Objects.requireNonNull(outputs, "VmapResult: outputs");
            Objects.requireNonNull(axes, "VmapResult: axes");
            if (outputs.size() != axes.length) {
                throw new IllegalArgumentException("VmapResult: " + axes.length + " axes for " + outputs.size() + " outputs");
            }
            axes = axes.clone();
        }

        /**
         * The batch axis of each output (a copy).
         *
         * @return the axes
         */
        @Override
        public int[] axes() { return axes.clone(); }
    }

    private final Fn f;
    private final VjpRule vjp;
    private final JvpRule jvp;
    private final VmapRule vmap;

    CustomFunction(Fn f, VjpRule vjp, JvpRule jvp, VmapRule vmap) {
        this.f = Objects.requireNonNull(f, "customFunction: function");
        this.vjp = vjp;
        this.jvp = jvp;
        this.vmap = vmap;
    }

    /**
     * This function with {@code rule} as its vector-Jacobian product.
     *
     * @param rule gradients of the arguments from the arguments, the outputs' cotangents and the outputs
     * @return the new function
     * @throws NullPointerException if {@code rule} is null
     */
    public CustomFunction withVjp(VjpRule rule) {
        return new CustomFunction(f, Objects.requireNonNull(rule, "customFunction: vjp rule"), jvp, vmap);
    }

    /**
     * This function with {@code rule} as its Jacobian-vector product.
     *
     * @param rule tangents of the outputs from the arguments and their tangents
     * @return the new function
     * @throws NullPointerException if {@code rule} is null
     */
    public CustomFunction withJvp(JvpRule rule) {
        return new CustomFunction(f, vjp, Objects.requireNonNull(rule, "customFunction: jvp rule"), vmap);
    }

    /**
     * This function with {@code rule} as its vectorised form.
     *
     * @param rule the batched outputs from the batched arguments and their batch axes
     * @return the new function
     * @throws NullPointerException if {@code rule} is null
     */
    public CustomFunction withVmap(VmapRule rule) {
        return new CustomFunction(f, vjp, jvp, Objects.requireNonNull(rule, "customFunction: vmap rule"));
    }

    /**
     * Calls the function: its values, with the custom rules attached for later transformations.
     *
     * @param args the arguments
     * @return the outputs
     */
    @Override
    public List<Array> apply(List<Array> args) {
        CustomVjp.Rule v = vjp == null ? null : vjp::vjp;
        CustomVjp.JvpRule j = jvp == null ? null : jvp::jvp;
        CustomVjp.VmapRule m = vmap == null ? null : this::vmapAtAxisZero;
        return Autodiff.customFunction("CustomFunction", f, v, j, m).apply(args);
    }

    /** The user's rule, its outputs moved (or broadcast) to carry the batch on axis 0. */
    private List<Array> vmapAtAxisZero(List<Array> args, int[] axes) {
        int batch = -1;
        for (int i = 0; i < axes.length; i++) if (axes[i] != Mx.UNMAPPED) batch = args.get(i).shape(axes[i]);
        VmapResult r = vmap.vmap(args, axes.clone());
        if (r == null) throw new IllegalArgumentException("customFunction: the vmap rule returned null");
        int[] outAxes = r.axes();
        List<Array> outs = new ArrayList<>(outAxes.length);
        for (int i = 0; i < outAxes.length; i++) {
            Array o = r.outputs().get(i);
            if (outAxes[i] == Mx.UNMAPPED) {
                int[] s = o.shape();
                int[] shape = new int[s.length + 1];
                shape[0] = batch;
                System.arraycopy(s, 0, shape, 1, s.length);
                outs.add(Mx.broadcastTo(Mx.expandDims(o, 0), shape));
            } else {
                outs.add(Mx.moveAxis(o, outAxes[i], 0));
            }
        }
        return outs;
    }
}
