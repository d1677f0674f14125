package org.mlx4j.core.primitives;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;

/**
 * Identity on its first {@code numOutputs} inputs (a function's outputs) whose gradient with respect to
 * the remaining inputs (the function's arguments) comes from {@code rule} instead of the graph that
 * computed the outputs (that graph receives no cotangent). {@code checkpoint} uses it to recompute a
 * function in the backward pass. A null {@code rule} lets gradients flow through the function's own graph;
 * {@code jvpRule} and {@code vmapRule}, when not null, replace forward mode and vmap likewise
 * ({@code custom_function}'s {@code jvp} and {@code vmap}).
 */
public record CustomVjp(String label, int numOutputs, Rule rule, JvpRule jvpRule, VmapRule vmapRule) implements Primitive {

    /** A custom vjp only: forward mode and vmap go through the function itself. */
    public CustomVjp(String label, int numOutputs, Rule rule) { this(label, numOutputs, rule, null, null); }

    /** Gradients of the arguments given the arguments, the outputs' cotangents and the outputs. */
    @FunctionalInterface
    public interface Rule {
        List<Array> vjp(List<Array> args, List<Array> cotangents, List<Array> outputs);
    }

    /** Tangents of the outputs given the arguments and their tangents (zeros for arguments that have none). */
    @FunctionalInterface
    public interface JvpRule {
        List<Array> jvp(List<Array> args, List<Array> tangents);
    }

    /**
     * The outputs over a batch, given the arguments (each batched on its axis in {@code axes}, or unbatched
     * where the axis is {@code Mx.UNMAPPED}); the result's outputs carry their batch on axis 0.
     */
    @FunctionalInterface
    public interface VmapRule {
        List<Array> vmap(List<Array> args, int[] axes);
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
                // without a rule the function's own graph carries the gradient; with one it gets none
                grads.add(rule == null ? cotangents.get(arg) : null);
            } else if (rule == null) {
                grads.add(null);
            } else {
                if (argGrads == null) argGrads = rule.vjp(args, cotangents, outputs);
                grads.add(argGrads.get(arg - numOutputs));
            }
        }
        return grads;
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        if (jvpRule != null) {
            List<Array> args = primals.subList(numOutputs, primals.size());
            List<Array> argTangents = new ArrayList<>(args.size());
            for (int i = 0; i < args.size(); i++) {
                Array t = tangents.get(numOutputs + i);
                argTangents.add(t != null ? t : org.mlx4j.core.Mx.zerosLike(args.get(i)));
            }
            return jvpRule.jvp(args, argTangents);
        }
        // forward mode differentiates the wrapped function itself: the outputs' own tangents, computed
        // through the graph that produced them, pass straight through
        return Tangents.of(tangents.subList(0, numOutputs).toArray(new Array[0]));
    }
}
