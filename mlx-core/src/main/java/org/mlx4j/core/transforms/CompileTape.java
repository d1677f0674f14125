package org.mlx4j.core.transforms;

import java.util.List;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.Primitive;

/**
 * A traced, simplified and fused function: what {@code compile} caches and replays on every call.
 *
 * <p>Values are numbered: {@code [0, numInputs)} are the function's inputs (arguments, then captured
 * inputs), the next {@code constants.length} are constants of the trace (nodes that do not depend on
 * any input, reused as they are), then the outputs of the steps. Steps are in topological order; each
 * produces {@code numOutputs} consecutive values from {@code firstOutput}.
 */
final class CompileTape {

    /**
     * One primitive applied to earlier values, on {@code stream}, or on the caller's current stream when
     * null (the traced function did not choose one).
     */
    record Step(Primitive primitive, int[] inputs, int firstOutput, int[][] shapes, DType[] dtypes, Stream stream) {
        int numOutputs() { return dtypes.length; }

        Step withPrimitive(Primitive p, int[] newInputs) { return new Step(p, newInputs, firstOutput, shapes, dtypes, stream); }
    }

    final int numInputs;
    final Node[] constants;
    final List<Step> steps;
    /** The function's outputs, then its captured outputs. */
    final int[] outputs;
    /** The traced shape and dtype of every value. */
    final int[][] shapes;
    final DType[] dtypes;

    CompileTape(int numInputs, Node[] constants, List<Step> steps, int[] outputs, int[][] shapes, DType[] dtypes) {
        this.numInputs = numInputs;
        this.constants = constants;
        this.steps = List.copyOf(steps);
        this.outputs = outputs;
        this.shapes = shapes;
        this.dtypes = dtypes;
    }

    int numValues() { return shapes.length; }

    /**
     * Builds the nodes of every step over {@code inputs} (never calling the traced function) and returns
     * the output nodes. With {@code shapeless}, output shapes are inferred from the new input shapes.
     */
    Node[] replay(Node[] inputs, boolean shapeless) {
        Node[] v = new Node[numValues()];
        System.arraycopy(inputs, 0, v, 0, numInputs);
        System.arraycopy(constants, 0, v, numInputs, constants.length);
        Stream current = Mx.currentStream();
        for (Step s : steps) {
            Stream stream = s.stream != null ? s.stream : current;
            Node[] in = new Node[s.inputs.length];
            for (int k = 0; k < in.length; k++) in[k] = v[s.inputs[k]];
            int[][] out = shapeless ? CompileShapes.infer(this, s, in) : s.shapes;
            if (s.numOutputs() == 1) {
                v[s.firstOutput] = new Node(s.primitive, in, out[0], s.dtypes[0], stream);
                continue;
            }
            Node[] group = new Node[s.numOutputs()];
            for (int o = 0; o < group.length; o++) group[o] = new Node(s.primitive, in, out[o], s.dtypes[o], stream);
            Node.linkSiblings(group);
            System.arraycopy(group, 0, v, s.firstOutput, group.length);
        }
        Node[] result = new Node[outputs.length];
        for (int i = 0; i < outputs.length; i++) result[i] = v[outputs[i]];
        return result;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CompileTape[inputs=" + numInputs + ", constants=" + constants.length + "]\n");
        for (Step s : steps) {
            sb.append("  %").append(s.firstOutput).append(s.numOutputs() > 1 ? ".." + (s.firstOutput + s.numOutputs() - 1) : "")
                    .append(" = ").append(s.primitive.name()).append(java.util.Arrays.toString(s.inputs)).append('\n');
        }
        return sb.append("  outputs ").append(java.util.Arrays.toString(outputs)).toString();
    }
}
