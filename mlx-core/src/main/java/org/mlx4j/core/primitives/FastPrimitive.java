package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * The fused operations of {@code org.mlx4j.core.Fast} (MLX's {@code mx.fast}): each one kernel on the
 * CPU, and each with {@link #fallback}, the same computation written as separate ops (MLX's fallback),
 * which is its reference semantics. The derivative rules differentiate the fallback unless a
 * primitive has a rule of its own ({@link FastRope}: the inverse rotation, fused again), so
 * grad of grad works; the vmap rule batches the fused primitive where its layout allows and the
 * fallback otherwise.
 */
public sealed interface FastPrimitive extends Primitive permits FastRmsNorm, FastLayerNorm, FastRope, FastAttention {

    /** The same computation written as separate ops, over this primitive's inputs. */
    Array fallback(List<Array> inputs);

    /** The output shape for inputs of the given shapes (shapeless compile). */
    int[] outputShape(int[][] inputShapes);

    /**
     * The batched output, where the inputs flagged in {@code isMapped} carry a leading batch axis of
     * {@code batch} and the others are as traced.
     */
    default Array vmap(Array[] in, boolean[] isMapped, int batch) { return FastDerivatives.vmapFallback(this, in, isMapped); }

    @Override
    default List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return FastDerivatives.vjp(this, primals, cotangents, argnums);
    }

    @Override
    default List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return FastDerivatives.jvp(this, primals, tangents);
    }
}
