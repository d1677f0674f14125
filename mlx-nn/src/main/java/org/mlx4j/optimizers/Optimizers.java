package org.mlx4j.optimizers;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.utils.Tree;

/** Functions over gradient trees from MLX's {@code mlx.optimizers}. */
public final class Optimizers {
    private Optimizers() {}

    /**
     * The gradients and their global 2-norm.
     *
     * @param grads the clipped gradient tree
     * @param totalNorm the norm before clipping
     */
    public record Clipped(Object grads, Array totalNorm) { }

    /**
     * Scales the gradient tree down so that its global 2-norm (over every element of every gradient) is at most
     * {@code maxNorm}; a tree within the bound is left as it is. MLX: {@code clip_grad_norm}.
     *
     * @param grads the gradient tree
     * @param maxNorm the largest norm allowed
     * @return the clipped tree and the norm before clipping
     */
    public static Clipped clipGradNorm(Object grads, double maxNorm) {
        List<Array> leaves = List.copyOf(Tree.flatten(grads).values());
        Array squared = Mx.array(0.0f);
        for (Array g : leaves) squared = squared.add(Mx.sum(g.square()));
        Array total = Mx.sqrt(squared);
        Array normalizer = Mx.divide(Mx.array((float) maxNorm), total.add(1e-6));
        Array within = Mx.less(total, maxNorm);
        Object clipped = Tree.map(g -> Mx.where(within, g, g.multiply(normalizer)), grads);
        return new Clipped(clipped, total);
    }
}
