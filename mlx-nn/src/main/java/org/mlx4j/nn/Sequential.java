package org.mlx4j.nn;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * Calls its layers in order, each on the previous one's output, as MLX's {@code mlx.nn.Sequential}; the layers are
 * the list member {@code layers}, so their parameters are named {@code layers.0.weight} and so on.
 */
public class Sequential extends Module implements UnaryLayer {
    /**
     * A chain of single-input layers.
     *
     * @param layers the layers, each a {@link UnaryLayer}
     * @throws IllegalArgumentException if a layer does not take a single input
     */
    public Sequential(Module... layers) {
        for (int i = 0; i < layers.length; i++) {
            if (!(layers[i] instanceof UnaryLayer)) {
                throw new IllegalArgumentException("Sequential: layer " + i + " (" + layers[i].getClass().getSimpleName()
                        + ") does not take a single input (it is not a UnaryLayer)");
            }
        }
        register("layers", List.of(layers));
    }

    /**
     * The layers, in order.
     *
     * @return the layers
     */
    public List<Module> layers() {
        return list("layers").stream().map(Module.class::cast).toList();
    }

    @Override
    public Array forward(Array x) {
        for (Object layer : list("layers")) x = ((UnaryLayer) layer).forward(x);
        return x;
    }
}
