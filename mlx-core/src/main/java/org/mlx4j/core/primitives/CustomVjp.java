package org.mlx4j.core.primitives;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;

/**
 * Identity on its first {@code numOutputs} inputs (a function's outputs) whose gradient with respect to
 * the remaining inputs (the function's arguments) comes from {@code rule} instead of the graph that
 * computed the outputs (that graph receives no cotangent). {@code checkpoint} uses it to recompute a
 * function in the backward pass.
 */
public record CustomVjp(String label, int numOutputs, Rule rule) implements Primitive {

    /** Gradients of the arguments given the arguments, the outputs' cotangents and the outputs. */
    @FunctionalInterface
    public interface Rule {
        List<Array> vjp(List<Array> args, List<Array> cotangents, List<Array> outputs);
    }

    @Override
    public String name() { return label; }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        List<Array> args = primals.subList(numOutputs, primals.size());
        List<Array> argGrads = null;
        List<Array> grads = new ArrayList<>(argnums.length);
        for (int arg : argnums) {
            if (arg < numOutputs) {
                grads.add(null); // the function's own graph gets no gradient: the rule replaces it
            } else {
                if (argGrads == null) argGrads = rule.vjp(args, cotangents, outputs);
                grads.add(argGrads.get(arg - numOutputs));
            }
        }
        return grads;
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        // forward mode differentiates the wrapped function itself: the outputs' own tangents, computed
        // through the graph that produced them, pass straight through
        return Tangents.of(tangents.subList(0, numOutputs).toArray(new Array[0]));
    }
}
