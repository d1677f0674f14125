package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mlx4j.core.Array;
import org.mlx4j.core.JvpResult;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Fn;
import org.mlx4j.core.ValueAndGrad;
import org.mlx4j.core.VjpResult;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.graph.Scheduler;
import org.mlx4j.core.primitives.BroadcastTo;
import org.mlx4j.core.primitives.Primitive;

/**
 * Reverse-mode differentiation as a graph transformation: trace the function on fresh handles of the
 * primals, walk the traced graph backwards from the outputs, and apply each primitive's vjp rule.
 * The rules are built from ordinary ops, so results can be differentiated again. Forward mode
 * ({@link #jvp}) traces the function once too and pushes tangents through each primitive's jvp rule.
 */
public final class Autodiff {
    private Autodiff() {}

    public static VjpResult vjp(Fn f, List<Array> primals, List<Array> cotangents) {
        Scheduler.beginRetainGraph();
        try {
            Trace t = trace("vjp", f, primals);
            if (cotangents.size() != t.outputs.size()) {
                throw new IllegalArgumentException("vjp: " + cotangents.size() + " cotangents given for "
                        + t.outputs.size() + " outputs");
            }
            for (int i = 0; i < t.outputs.size(); i++) {
                Array o = t.outputs.get(i), c = cotangents.get(i);
                if (!Arrays.equals(o.shape(), c.shape())) {
                    throw new IllegalArgumentException("vjp: cotangent " + i + " has shape " + Arrays.toString(c.shape())
                            + " but output " + i + " has shape " + Arrays.toString(o.shape()));
                }
            }
            return new VjpResult(t.outputs, backward(t.inputs, t.outputs, cotangents));
        } finally {
            Scheduler.endRetainGraph();
        }
    }

    private record Trace(List<Array> inputs, List<Array> outputs) {}

    /** Runs {@code f} on fresh handles of the primals. Call with the graph retained. */
    private static Trace trace(String op, Fn f, List<Array> primals) {
        List<Array> inputs = new ArrayList<>(primals.size());
        for (Array p : primals) inputs.add(tracer(p));
        List<Array> outputs = f.apply(inputs);
        if (outputs == null || outputs.isEmpty()) throw new IllegalArgumentException(op + ": the function returned no outputs");
        return new Trace(inputs, outputs);
    }

    /** A fresh node that stands for a primal in the trace (a view of it, never differentiated itself). */
    private static Array tracer(Array p) {
        return Handles.make(new BroadcastTo(p.shape()), p.shape(), p.dtype(), p);
    }

    private static List<Array> backward(List<Array> inputs, List<Array> outputs, List<Array> cotangents) {
        Map<Node, Boolean> isInput = new IdentityHashMap<>();
        for (Array in : inputs) isInput.put(Handles.node(in), true);
        List<Node> order = GraphWalk.postOrder(outputs, isInput);
        // which nodes depend on an input (only those need cotangents)
        Map<Node, Boolean> needs = new IdentityHashMap<>();
        for (Node n : order) {
            boolean dep = isInput.containsKey(n);
            if (!dep) for (Node in : n.inputs()) dep |= needs.containsKey(in);
            if (dep) needs.put(n, true);
        }
        Map<Node, Array> ct = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) accumulate(ct, Handles.node(outputs.get(i)), cotangents.get(i));
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) position.put(order.get(i), i);
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (isInput.containsKey(n) || !needs.containsKey(n) || n.primitive() == null) continue;
            Node[] outs = n.outputs();
            // siblings are handled once, at the one reached last going backwards: after every sibling's consumers
            if (outs.length > 1 && n != earliest(outs, position)) continue;
            boolean any = false;
            List<Array> cts = new ArrayList<>(outs.length);
            List<Array> outArrays = new ArrayList<>(outs.length);
            for (Node o : outs) {
                Array c = ct.remove(o);
                any |= c != null;
                cts.add(c != null ? c : Mx.zeros(o.shape, o.dtype));
                outArrays.add(Handles.wrap(o));
            }
            if (!any) continue;
            Node[] ins = n.inputs();
            int[] argnums = java.util.stream.IntStream.range(0, ins.length).filter(k -> needs.containsKey(ins[k])).toArray();
            if (argnums.length == 0) continue;
            List<Array> primals = new ArrayList<>(ins.length);
            for (Node in : ins) primals.add(Handles.wrap(in));
            List<Array> grads = n.primitive().vjp(primals, cts, argnums, outArrays);
            for (int k = 0; k < argnums.length; k++) accumulate(ct, ins[argnums[k]], grads.get(k));
        }
        List<Array> result = new ArrayList<>(inputs.size());
        for (Array in : inputs) {
            Array g = ct.get(Handles.node(in));
            result.add(g != null ? g : Mx.zerosLike(in));
        }
        return result;
    }

    /** The sibling that comes first in the post-order. */
    private static Node earliest(Node[] siblings, Map<Node, Integer> position) {
        Node first = null;
        int at = Integer.MAX_VALUE;
        for (Node s : siblings) {
            Integer p = position.get(s);
            if (p != null && p < at) {
                at = p;
                first = s;
            }
        }
        return first;
    }

    private static void accumulate(Map<Node, Array> ct, Node n, Array g) {
        if (g == null) return;
        if (g.dtype() != n.dtype && n.dtype.isInexact()) g = g.astype(n.dtype);
        Array prev = ct.get(n);
        ct.put(n, prev == null ? g : Mx.add(prev, g));
    }

    /**
     * Jacobian-vector products in forward mode, as MLX does: trace {@code f} once on fresh handles of the
     * primals, then walk the traced graph in order (inputs before consumers) and push tangents through
     * each primitive's jvp rule. Values that no tangent reaches, and values that are not inexact
     * (integers, booleans), carry no tangent; an output without one gets zeros.
     */
    public static JvpResult jvp(Fn f, List<Array> primals, List<Array> tangents) {
        if (tangents.size() != primals.size()) {
            throw new IllegalArgumentException("jvp: " + tangents.size() + " tangents given for " + primals.size() + " primals");
        }
        for (int i = 0; i < primals.size(); i++) {
            if (!Arrays.equals(primals.get(i).shape(), tangents.get(i).shape())) {
                throw new IllegalArgumentException("jvp: tangent " + i + " has shape " + Arrays.toString(tangents.get(i).shape())
                        + " but primal " + i + " has shape " + Arrays.toString(primals.get(i).shape()));
            }
        }
        Scheduler.beginRetainGraph();
        try {
            Trace t = trace("jvp", f, primals);
            Map<Node, Array> tan = new IdentityHashMap<>();
            Map<Node, Boolean> isInput = new IdentityHashMap<>();
            for (int i = 0; i < t.inputs.size(); i++) {
                Node in = Handles.node(t.inputs.get(i));
                isInput.put(in, true);
                setTangent(tan, in, tangents.get(i));
            }
            forward(GraphWalk.postOrder(t.outputs, isInput), isInput, tan);
            List<Array> jvps = new ArrayList<>(t.outputs.size());
            for (Array o : t.outputs) {
                Array g = tan.get(Handles.node(o));
                jvps.add(g != null ? g : Mx.zerosLike(o));
            }
            return new JvpResult(t.outputs, jvps);
        } finally {
            Scheduler.endRetainGraph();
        }
    }

    /** Applies the jvp rule of every node in {@code order} that a tangent reaches (siblings once, together). */
    private static void forward(List<Node> order, Map<Node, Boolean> isInput, Map<Node, Array> tan) {
        Map<Node, Boolean> done = new IdentityHashMap<>();
        for (Node n : order) {
            if (isInput.containsKey(n) || n.primitive() == null || done.containsKey(n)) continue;
            Node[] ins = n.inputs();
            List<Array> primals = new ArrayList<>(ins.length), inTangents = new ArrayList<>(ins.length);
            boolean reached = false;
            for (Node in : ins) {
                primals.add(Handles.wrap(in));
                Array g = tan.get(in);
                inTangents.add(g);
                reached |= g != null;
            }
            Node[] outs = n.outputs();
            for (Node o : outs) done.put(o, true);
            if (!reached) continue;
            List<Array> outArrays = new ArrayList<>(outs.length);
            for (Node o : outs) outArrays.add(Handles.wrap(o));
            List<Array> results = n.primitive().jvp(primals, inTangents, outArrays);
            for (int k = 0; k < outs.length; k++) setTangent(tan, outs[k], results.get(k));
        }
    }

    /** Records {@code g} as the tangent of {@code n} (in n's dtype); none for values that are not inexact. */
    private static void setTangent(Map<Node, Array> tan, Node n, Array g) {
        if (g == null || !n.dtype.isInexact()) return;
        tan.put(n, g.dtype() != n.dtype ? g.astype(n.dtype) : g);
    }

    public static Fn grad(Fn f, int... argnums) {
        Function<List<Array>, ValueAndGrad> vg = valueAndGrad(f, argnums);
        return args -> vg.apply(args).grads();
    }

    public static Function<Array, Array> grad(Function<Array, Array> f) {
        Function<Array, ValueAndGrad> vg = valueAndGrad(f);
        return x -> vg.apply(x).grad();
    }

    public static Function<Array, ValueAndGrad> valueAndGrad(Function<Array, Array> f) {
        Function<List<Array>, ValueAndGrad> vg = valueAndGrad(args -> List.of(f.apply(args.get(0))), 0);
        return x -> vg.apply(List.of(x));
    }

    /**
     * Differentiates the first output of {@code f} (a scalar) with respect to the arguments in
     * {@code argnums} (default 0); further outputs are returned as auxiliary values.
     */
    public static Function<List<Array>, ValueAndGrad> valueAndGrad(Fn f, int... argnums) {
        int[] nums = argnums == null || argnums.length == 0 ? new int[] {0} : argnums.clone();
        return args -> {
            for (int a : nums) {
                if (a < 0 || a >= args.size()) {
                    throw new IllegalArgumentException("grad: argnum " + a + " is out of range for " + args.size() + " arguments");
                }
            }
            List<Array> diff = new ArrayList<>();
            for (int a : nums) diff.add(args.get(a));
            Fn partial = xs -> {
                List<Array> full = new ArrayList<>(args);
                for (int i = 0; i < nums.length; i++) full.set(nums[i], xs.get(i));
                return f.apply(full);
            };
            Scheduler.beginRetainGraph();
            try {
                Trace t = trace("grad", partial, diff);
                Array value = t.outputs.get(0);
                if (value.size() != 1) {
                    throw new IllegalArgumentException("grad: the function must return a scalar (one element), got shape "
                            + Arrays.toString(value.shape()));
                }
                List<Array> grads = backward(t.inputs, List.of(value), List.of(Mx.onesLike(value)));
                return new ValueAndGrad(t.outputs, grads);
            } finally {
                Scheduler.endRetainGraph();
            }
        };
    }

    /**
     * {@code f} with a user-given vjp: the outputs are computed by {@code f}, and gradients with respect to
     * the arguments come from {@code rule} (MLX's {@code custom_function} with a vjp).
     */
    public static Fn customVjp(String label, Fn f, org.mlx4j.core.primitives.CustomVjp.Rule rule) {
        return customFunction(label, f, rule, null, null);
    }

    /**
     * {@code f} with any of a custom vjp, jvp and vmap rule (null: that transformation goes through
     * {@code f} itself). MLX's {@code custom_function}.
     */
    public static Fn customFunction(String label, Fn f, org.mlx4j.core.primitives.CustomVjp.Rule rule,
            org.mlx4j.core.primitives.CustomVjp.JvpRule jvpRule, org.mlx4j.core.primitives.CustomVjp.VmapRule vmapRule) {
        return args -> {
            List<Array> outs = f.apply(args);
            if (outs == null || outs.isEmpty()) throw new IllegalArgumentException(label + ": the function returned no outputs");
            org.mlx4j.core.primitives.CustomVjp p =
                    new org.mlx4j.core.primitives.CustomVjp(label, outs.size(), rule, jvpRule, vmapRule);
            Node[] inputs = new Node[outs.size() + args.size()];
            for (int i = 0; i < outs.size(); i++) inputs[i] = Handles.node(outs.get(i));
            for (int i = 0; i < args.size(); i++) inputs[outs.size() + i] = Handles.node(args.get(i));
            Node[] nodes = new Node[outs.size()];
            for (int i = 0; i < nodes.length; i++) {
                Node o = Handles.node(outs.get(i));
                nodes[i] = new Node(p, inputs, o.shape, o.dtype, org.mlx4j.core.Mx.currentStream());
            }
            if (nodes.length > 1) Node.linkSiblings(nodes);
            List<Array> result = new ArrayList<>(nodes.length);
            for (Node n : nodes) result.add(Handles.wrap(n));
            return result;
        };
    }

    /**
     * Gradient checkpointing: the forward pass keeps none of {@code f}'s intermediates for the backward
     * pass; the vjp recomputes {@code f} from its arguments (trading compute for memory).
     */
    public static Fn checkpoint(Fn f) {
        return customVjp("Checkpoint", f, (args, cts, outputs) -> vjp(f, args, cts).vjps());
    }
}
