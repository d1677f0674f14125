package org.mlx4j.lm.models;

import java.util.function.UnaryOperator;
import org.mlx4j.core.Array;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;

/**
 * The gated feed-forward block: {@code down_proj(act(gate_proj(x)) * up_proj(x))}, with SiLU for Llama's
 * SwiGLU (and GELU for Gemma's GeGLU).
 */
final class Mlp extends Module {
    private final UnaryOperator<Array> activation;

    Mlp(int hidden, int intermediate, boolean bias, UnaryOperator<Array> activation) {
        this.activation = activation;
        register("gate_proj", new Linear(hidden, intermediate, bias));
        register("up_proj", new Linear(hidden, intermediate, bias));
        register("down_proj", new Linear(intermediate, hidden, bias));
    }

    Array forward(Array x) {
        Array gate = activation.apply(layer("gate_proj").forward(x));
        return layer("down_proj").forward(gate.multiply(layer("up_proj").forward(x)));
    }
}
