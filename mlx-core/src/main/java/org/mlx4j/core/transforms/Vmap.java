package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.*;

/**
 * Vectorising map as a graph transformation: trace the function once on placeholders of the
 * per-example shapes, then rebuild the traced graph with a leading batch axis on every value that
 * depends on a mapped argument. Each primitive gets its batched form (axes shifted by one); the few
 * without one (gathers, scatters, take) are applied per example and stacked.
 */
public final class Vmap {
    private Vmap() {}

    public static Fn vmap(Fn f, int[] inAxes, int[] outAxes) {
        return args -> {
            if (inAxes.length != args.size()) {
                throw new IllegalArgumentException("vmap: " + inAxes.length + " input axes given for " + args.size() + " arguments");
            }
            int batch = -1;
            List<Array> traced = new ArrayList<>(args.size());
            Map<Node, Array> mapped = new IdentityHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                Array a = args.get(i);
                if (inAxes[i] == Mx.UNMAPPED) {
                    traced.add(a);
                    continue;
                }
                int ax = axis("vmap", inAxes[i], a.ndim());
                int size = a.shape(ax);
                if (batch >= 0 && size != batch) {
                    throw new IllegalArgumentException("vmap: mapped axes have different sizes: " + batch + " and " + size
                            + " (argument " + i + ", axis " + inAxes[i] + ")");
                }
                batch = size;
                int[] shape = a.shape();
                int[] perExample = new int[shape.length - 1];
                for (int d = 0, k = 0; d < shape.length; d++) if (d != ax) perExample[k++] = shape[d];
                Array p = Handles.make(new Placeholder("vmap: the function evaluated a value that depends on a mapped argument;"
                        + " functions under vmap must only build graphs"), perExample, a.dtype());
                traced.add(p);
                mapped.put(Handles.node(p), Mx.moveAxis(a, ax, 0));
            }
            if (batch < 0) throw new IllegalArgumentException("vmap: at least one argument must be mapped");
            List<Array> outs = f.apply(traced);
            if (outAxes.length != outs.size()) {
                throw new IllegalArgumentException("vmap: " + outAxes.length + " output axes given for " + outs.size() + " outputs");
            }
            replay(outs, mapped, batch);
            List<Array> result = new ArrayList<>(outs.size());
            for (int j = 0; j < outs.size(); j++) {
                Array o = outs.get(j);
                Array b = mapped.get(Handles.node(o));
                if (b == null) b = withBatch(o, batch);
                result.add(Mx.moveAxis(b, 0, axis("vmap", outAxes[j], b.ndim())));
            }
            return result;
        };
    }

    private static int axis(String op, int axis, int ndim) {
        if (axis < -ndim || axis >= ndim) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of bounds for an array with " + ndim + " dimensions");
        }
        return axis < 0 ? axis + ndim : axis;
    }

    /** An unmapped value repeated along a new leading batch axis (a view). */
    private static Array withBatch(Array a, int batch) {
        int[] s = a.shape();
        int[] shape = new int[s.length + 1];
        shape[0] = batch;
        System.arraycopy(s, 0, shape, 1, s.length);
        return Mx.broadcastTo(Mx.expandDims(a, 0), shape);
    }

    private static int[] prepend(int b, int[] s) {
        int[] r = new int[s.length + 1];
        r[0] = b;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }

    private static int[] shift(int[] axes) {
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) r[i] = axes[i] + 1;
        return r;
    }

    /** Rebuilds, in topological order, every traced node that depends on a mapped placeholder. */
    private static void replay(List<Array> outputs, Map<Node, Array> mapped, int batch) {
        for (Node n : GraphWalk.postOrder(outputs, mapped)) {
            if (mapped.containsKey(n) || n.primitive() == null) continue;
            Node[] ins = n.inputs();
            boolean any = false;
            for (Node in : ins) any |= mapped.containsKey(in);
            if (!any) continue;
            Array[] inputs = new Array[ins.length];
            for (int i = 0; i < ins.length; i++) {
                Array b = mapped.get(ins[i]);
                inputs[i] = b != null ? b : withBatch(Handles.wrap(ins[i]), batch);
            }
            Node[] outs = n.outputs();
            List<Array> results = batched(n, inputs, batch);
            for (int i = 0; i < outs.length; i++) mapped.put(outs[i], results.get(i));
        }
    }

    /** The batched outputs of {@code n}'s primitive applied to inputs that all carry the batch on axis 0. */
    private static List<Array> batched(Node n, Array[] in, int batch) {
        Primitive p = n.primitive();
        int[] shape = prepend(batch, n.shape);
        DType t = n.dtype;
        Primitive q = switch (p) {
            case Unary u -> u;
            case Binary b -> b;
            case Where w -> w;
            case AsType a -> a;
            case Copy c -> c;
            case StopGradient s -> s;
            case Softmax s -> s;
            case LogSumExp l -> l;
            case Matmul m -> m;
            case Reduce r -> new Reduce(r.op(), shift(r.axes()));
            case ArgReduce r -> new ArgReduce(r.isMax(), r.axis() + 1);
            case Reshape r -> new Reshape(shape);
            case Transpose tr -> {
                int[] perm = new int[tr.axes().length + 1];
                for (int i = 0; i < tr.axes().length; i++) perm[i + 1] = tr.axes()[i] + 1;
                yield new Transpose(perm);
            }
            case BroadcastTo b -> {
                // give the input its missing leading axes after the batch axis, then broadcast
                int lead = b.shape().length - (in[0].ndim() - 1);
                if (lead > 0) {
                    int[] s = in[0].shape();
                    int[] expanded = new int[s.length + lead];
                    expanded[0] = s[0];
                    Arrays.fill(expanded, 1, 1 + lead, 1);
                    System.arraycopy(s, 1, expanded, 1 + lead, s.length - 1);
                    in[0] = in[0].reshape(expanded);
                }
                yield new BroadcastTo(shape);
            }
            case Slice s -> new Slice(prepend(0, s.start()), prepend(1, s.step()));
            case SliceUpdate s -> new SliceUpdate(prepend(0, s.start()), prepend(1, s.step()));
            case Concatenate c -> new Concatenate(c.axis() + 1);
            case Scan s -> new Scan(s.op(), s.axis() + 1, s.reverse(), s.inclusive());
            case Sort s -> new Sort(s.axis() + 1);
            case ArgSort s -> new ArgSort(s.axis() + 1);
            case Partition s -> new Partition(s.axis() + 1, s.kth(), s.indices());
            case TakeAlongAxis s -> new TakeAlongAxis(s.axis() + 1);
            case PutAlongAxis s -> new PutAlongAxis(s.op(), s.axis() + 1);
            case DivMod d -> d;
            case CustomVjp c -> null;
            case Gather g -> null;
            case Scatter s -> null;
            case Take tk -> null;
            case Full f -> f;
            case Arange a -> a;
            case Placeholder ph -> ph;
            case Compiled c -> null;
            case RandomBits r -> new RandomBits(shape, r.width()); // one block per key, as in MLX
        };
        if (q == null) return perExample(n, in, batch);
        Node[] outs = n.outputs();
        if (outs.length == 1) return List.of(Handles.make(q, shape, t, in));
        List<Array> results = new ArrayList<>(outs.length);
        Node[] nodes = new Node[outs.length];
        Node[] inputs = new Node[in.length];
        for (int i = 0; i < in.length; i++) inputs[i] = Handles.node(in[i]);
        for (int i = 0; i < outs.length; i++) {
            nodes[i] = new Node(q, inputs, prepend(batch, outs[i].shape), outs[i].dtype, Mx.currentStream());
        }
        Node.linkSiblings(nodes);
        for (Node x : nodes) results.add(Handles.wrap(x));
        return results;
    }

    /** Applies the primitive to each example and stacks the results along the batch axis. */
    private static List<Array> perExample(Node n, Array[] in, int batch) {
        Node[] outs = n.outputs();
        List<List<Array>> columns = new ArrayList<>();
        for (int o = 0; o < outs.length; o++) columns.add(new ArrayList<>(batch));
        for (int b = 0; b < batch; b++) {
            Node[] inputs = new Node[in.length];
            for (int i = 0; i < in.length; i++) inputs[i] = Handles.node(Mx.take(in[i], Mx.array(b), 0));
            Node[] nodes = new Node[outs.length];
            for (int o = 0; o < outs.length; o++) nodes[o] = new Node(n.primitive(), inputs, outs[o].shape, outs[o].dtype, Mx.currentStream());
            if (nodes.length > 1) Node.linkSiblings(nodes);
            for (int o = 0; o < outs.length; o++) columns.get(o).add(Handles.wrap(nodes[o]));
        }
        List<Array> results = new ArrayList<>(outs.length);
        for (List<Array> c : columns) results.add(Mx.stack(c, 0));
        return results;
    }
}
