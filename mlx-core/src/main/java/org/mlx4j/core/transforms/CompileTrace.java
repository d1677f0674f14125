package org.mlx4j.core.transforms;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.core.backend.cpu.StridedView;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.BroadcastTo;
import org.mlx4j.core.primitives.Primitive;

/**
 * Turns the graph a traced function built over placeholders into a {@link CompileTape}, simplifying on
 * the way: only what the outputs need is kept (dead nodes never enter the tape), nodes with equal
 * primitives over identical inputs merge (common-subexpression elimination, in topological order so
 * whole equal subgraphs merge), and equal scalar constants merge.
 *
 * <p>Nodes that do not depend on any placeholder are constants of the trace: they are reused as they
 * are at every call (so a captured array keeps its identity, and gradients of an enclosing transformation
 * still reach it), and the walk does not descend below nodes that already hold data.
 */
final class CompileTrace {
    /** Each traced node's representative after merging (itself when nothing equal came before it). */
    private final Map<Node, Node> canon = new IdentityHashMap<>();
    private final Map<Node, Boolean> dependent = new IdentityHashMap<>();
    private final List<Node> constants = new ArrayList<>();
    private final Map<Node, Boolean> isConstant = new IdentityHashMap<>();
    private final List<Node[]> groups = new ArrayList<>();
    private final Map<StepKey, Node[]> cse = new HashMap<>();
    private final Map<ScalarKey, Node> scalars = new HashMap<>();
    /** The stream current while tracing: steps on it replay on the caller's current stream. */
    private final Stream traceStream = Mx.currentStream();

    private CompileTrace() {}

    /** The tape of the graph behind {@code outputs}, whose inputs are {@code placeholders} (in order). */
    static CompileTape build(Node[] placeholders, Node[] outputs) {
        return new CompileTrace().run(placeholders, outputs);
    }

    private CompileTape run(Node[] placeholders, Node[] outputs) {
        for (Node p : placeholders) {
            if (dependent.put(p, true) != null) throw new IllegalStateException("compile: a placeholder appears twice");
            canon.put(p, p);
        }
        for (Node n : postOrder(outputs, dependent)) {
            if (canon.containsKey(n)) continue;
            boolean dep = false;
            if (n.data() == null) for (Node in : n.inputs()) dep |= dependent.containsKey(in);
            if (dep || isWideningBroadcast(n)) addStep(n, dep);
        }
        Node[] outs = new Node[outputs.length];
        for (int i = 0; i < outs.length; i++) outs[i] = operand(outputs[i]);
        return number(placeholders, outs);
    }

    /**
     * A broadcast that changes the shape of a constant (a weak scalar stretched to an operand's shape) is
     * rebuilt at every call rather than kept as a constant: it is a free view, a fused region can then read
     * the scalar itself, and under shapeless the broadcast follows the new shapes. (A broadcast to the same
     * shape may be another transformation's tracer, whose identity must stay.)
     */
    private static boolean isWideningBroadcast(Node n) {
        return n.data() == null && n.primitive() instanceof BroadcastTo && n.inputs().length == 1
                && !Arrays.equals(n.inputs()[0].shape, n.shape);
    }

    /** Iterative post-order that does not descend below placeholders or nodes holding data. */
    private static List<Node> postOrder(Node[] outputs, Map<Node, Boolean> stop) {
        List<Node> order = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Node> stack = new ArrayList<>();
        ArrayList<Integer> next = new ArrayList<>();
        for (Node o : outputs) {
            if (seen.putIfAbsent(o, true) != null) continue;
            stack.add(o);
            next.add(0);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Node n = stack.get(top);
                Node[] ins = stop.containsKey(n) || n.data() != null ? new Node[0] : n.inputs();
                int i = next.get(top);
                if (i < ins.length) {
                    next.set(top, i + 1);
                    if (seen.putIfAbsent(ins[i], true) == null) {
                        stack.add(ins[i]);
                        next.add(0);
                    }
                } else {
                    order.add(n);
                    stack.remove(top);
                    next.remove(top);
                }
            }
        }
        return order;
    }

    /** A node to rebuild at every call (with its siblings): a new step, or merged into an equal one. */
    private void addStep(Node n, boolean dependsOnInputs) {
        Node[] group = n.outputs();
        Node[] in = n.inputs();
        Node[] operands = new Node[in.length];
        for (int k = 0; k < in.length; k++) operands[k] = operand(in[k]);
        StepKey key = new StepKey(n.primitive(), operands, group);
        Node[] same = cse.get(key);
        if (same == null) {
            cse.put(key, group);
            groups.add(group);
            same = group;
        }
        for (int o = 0; o < group.length; o++) {
            canon.put(group[o], same[o]);
            if (dependsOnInputs) dependent.put(group[o], true);
        }
    }

    /** The representative of {@code n} as an operand; a node independent of the inputs becomes a constant. */
    private Node operand(Node n) {
        Node c = canon.get(n);
        if (c != null) return c;
        if (dependent.containsKey(n)) throw new IllegalStateException("compile: " + n + " was used before it was traced");
        ScalarKey sk = ScalarKey.of(n);
        c = sk == null ? ownCopy(n) : scalars.computeIfAbsent(sk, k -> ownCopy(n));
        if (isConstant.put(c, true) == null) constants.add(c);
        canon.put(n, c);
        return c;
    }

    /**
     * A computed leaf as the tape's own node over the same buffer (one more reference, returned when the
     * tape is collected), so closing the caller's handle, or the memory scope that made a weak scalar
     * during the trace, cannot take a constant away from later calls. Other nodes keep their identity.
     */
    private static Node ownCopy(Node n) {
        Data d = n.data();
        if (!n.isLeaf() || d == null) return n;
        return new Node(new Data(d.buffer().retain(), d.offset(), d.strides()), n.shape, n.dtype, n.stream);
    }

    /** Numbers the values (inputs, constants, then step outputs) and builds the tape. */
    private CompileTape number(Node[] placeholders, Node[] outs) {
        Map<Node, Integer> ids = new IdentityHashMap<>();
        List<Node> all = new ArrayList<>(List.of(placeholders));
        all.addAll(constants);
        for (Node[] g : groups) all.addAll(List.of(g));
        int[][] shapes = new int[all.size()][];
        DType[] dtypes = new DType[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ids.put(all.get(i), i);
            shapes[i] = all.get(i).shape;
            dtypes[i] = all.get(i).dtype;
        }
        List<CompileTape.Step> steps = new ArrayList<>(groups.size());
        for (Node[] g : groups) {
            Node[] in = g[0].inputs();
            int[] inputs = new int[in.length];
            for (int k = 0; k < in.length; k++) inputs[k] = ids.get(canon.get(in[k]));
            int[][] sh = new int[g.length][];
            DType[] ty = new DType[g.length];
            for (int o = 0; o < g.length; o++) {
                sh[o] = g[o].shape;
                ty[o] = g[o].dtype;
            }
            Stream stream = g[0].stream == traceStream ? null : g[0].stream;
            steps.add(new CompileTape.Step(g[0].primitive(), inputs, ids.get(g[0]), sh, ty, stream));
        }
        int[] outputs = new int[outs.length];
        for (int i = 0; i < outs.length; i++) outputs[i] = ids.get(outs[i]);
        return new CompileTape(placeholders.length, constants.toArray(new Node[0]), steps, outputs, shapes, dtypes);
    }

    /** Identity of a step for CSE: equal primitive (records' equals), the same operands, equal outputs. */
    private static final class StepKey {
        private final Primitive primitive;
        private final Node[] operands;
        private final int[][] shapes;
        private final DType[] dtypes;
        private final Stream stream;
        private final int hash;

        StepKey(Primitive primitive, Node[] operands, Node[] group) {
            this.primitive = primitive;
            this.stream = group[0].stream;
            this.operands = operands;
            this.shapes = new int[group.length][];
            this.dtypes = new DType[group.length];
            for (int o = 0; o < group.length; o++) {
                shapes[o] = group[o].shape;
                dtypes[o] = group[o].dtype;
            }
            int h = primitive.hashCode();
            for (Node n : operands) h = h * 31 + System.identityHashCode(n);
            this.hash = (h * 31 + Arrays.deepHashCode(shapes)) * 31 + Arrays.hashCode(dtypes);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof StepKey k) || k.hash != hash || k.operands.length != operands.length) return false;
            for (int i = 0; i < operands.length; i++) if (k.operands[i] != operands[i]) return false;
            return k.primitive.equals(primitive) && k.stream == stream && Arrays.deepEquals(k.shapes, shapes)
                    && Arrays.equals(k.dtypes, dtypes);
        }

        @Override
        public int hashCode() { return hash; }
    }

    /** A one-element constant by value: dtype, shape and the element's bytes. */
    private record ScalarKey(DType dtype, int[] shape, byte[] bits) {
        static ScalarKey of(Node n) {
            if (n.size() != 1 || !n.isLeaf() || n.primitive() != null) return null;
            Data d = n.data();
            if (d == null) return null;
            StridedView v = d.view(n.shape, n.dtype);
            byte[] bits = v.segment().asSlice(v.byteOffset(), n.dtype.size()).toArray(ValueLayout.JAVA_BYTE);
            return new ScalarKey(n.dtype, n.shape, bits);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ScalarKey k && k.dtype == dtype && Arrays.equals(k.shape, shape) && Arrays.equals(k.bits, bits);
        }

        @Override
        public int hashCode() { return (dtype.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Arrays.hashCode(bits); }
    }
}
