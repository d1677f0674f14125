package org.mlx4j.lm.models;

import java.util.List;
import java.util.function.UnaryOperator;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;

/**
 * The gated feed-forward block: {@code down_proj(act(gate_proj(x)) * up_proj(x))}, with SiLU for Llama's
 * SwiGLU and tanh-GELU for Gemma's GeGLU; Phi-3 fuses gate and up into {@code gate_up_proj} (gate first).
 */
final class Mlp extends Module {
    private final UnaryOperator<Array> activation;
    private final boolean fused;

    Mlp(int hidden, int intermediate, boolean bias, boolean fusedGateUp, UnaryOperator<Array> activation) {
        this.activation = activation;
        this.fused = fusedGateUp;
        if (fused) {
            register("gate_up_proj", new Linear(hidden, 2 * intermediate, bias));
        } else {
            register("gate_proj", new Linear(hidden, intermediate, bias));
            register("up_proj", new Linear(hidden, intermediate, bias));
        }
        register("down_proj", new Linear(intermediate, hidden, bias));
    }

    Array forward(Array x) {
        Array gate, up;
        if (fused) {
            List<Array> halves = Mx.split(layer("gate_up_proj").forward(x), 2, -1);
            gate = halves.get(0);
            up = halves.get(1);
        } else {
            gate = layer("gate_proj").forward(x);
            up = layer("up_proj").forward(x);
        }
        return layer("down_proj").forward(activation.apply(gate).multiply(up));
    }
}
