package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.*;

/**
 * Vectorising map as a graph transformation: trace the function once on placeholders of the
 * per-example shapes, then rebuild the traced graph with a leading batch axis on every value that
 * depends on a mapped argument. Each primitive gets its batched form (axes shifted by one; gathers,
 * scatters and take index the batch axis with an arange, see {@link VmapIndexing}; a fused
 * {@code Compiled} region runs once at the batched shape), so the batched graph has as many nodes
 * whatever the batch size; a custom-vjp node's rule becomes the vmap of its per-example rule.
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
    static Array withBatch(Array a, int batch) {
        int[] s = a.shape();
        int[] shape = new int[s.length + 1];
        shape[0] = batch;
        System.arraycopy(s, 0, shape, 1, s.length);
        return Mx.broadcastTo(Mx.expandDims(a, 0), shape);
    }

    private static int[] prepend(int b, int[] s) { return VmapIndexing.prepend(b, s); }

    private static int[] shift(int[] axes) { return VmapIndexing.shift(axes); }

    /** Rebuilds, in topological order, every traced node that depends on a mapped placeholder. */
    private static void replay(List<Array> outputs, Map<Node, Array> mapped, int batch) {
        for (Node n : GraphWalk.postOrder(outputs, mapped)) {
            if (mapped.containsKey(n) || n.primitive() == null) continue;
            Node[] ins = n.inputs();
            boolean any = false;
            for (Node in : ins) any |= mapped.containsKey(in);
            if (!any) continue;
            Array[] inputs = new Array[ins.length];
            boolean[] isMapped = new boolean[ins.length];
            for (int i = 0; i < ins.length; i++) {
                Array b = mapped.get(ins[i]);
                isMapped[i] = b != null;
                inputs[i] = b != null ? b : Handles.wrap(ins[i]);
            }
            Node[] outs = n.outputs();
            List<Array> results = batched(n, inputs, isMapped, batch);
            for (int i = 0; i < outs.length; i++) mapped.put(outs[i], results.get(i));
        }
    }

    /**
     * The batched outputs of {@code n}'s primitive applied to {@code in}, where the inputs flagged in
     * {@code isMapped} carry the batch on axis 0 and the others are unbatched.
     */
    private static List<Array> batched(Node n, Array[] in, boolean[] isMapped, int batch) {
        int[] shape = prepend(batch, n.shape);
        return switch (n.primitive()) {
            case Unary u -> same(n, u, in, isMapped, batch);
            case Binary b -> same(n, b, in, isMapped, batch);
            case Where w -> same(n, w, in, isMapped, batch);
            case AsType a -> same(n, a, in, isMapped, batch);
            case Copy c -> same(n, c, in, isMapped, batch);
            case StopGradient s -> same(n, s, in, isMapped, batch);
            case Softmax s -> same(n, s, in, isMapped, batch);
            case LogSumExp l -> same(n, l, in, isMapped, batch);
            case Matmul m -> same(n, m, in, isMapped, batch);
            case DivMod d -> same(n, d, in, isMapped, batch);
            case Full f -> same(n, f, in, isMapped, batch);
            case Arange a -> same(n, a, in, isMapped, batch);
            case Placeholder ph -> same(n, ph, in, isMapped, batch);
            case Reduce r -> same(n, new Reduce(r.op(), shift(r.axes())), in, isMapped, batch);
            case ArgReduce r -> same(n, new ArgReduce(r.isMax(), r.axis() + 1), in, isMapped, batch);
            case Reshape r -> same(n, new Reshape(shape), in, isMapped, batch);
            case Transpose tr -> {
                int[] perm = new int[tr.axes().length + 1];
                for (int i = 0; i < tr.axes().length; i++) perm[i + 1] = tr.axes()[i] + 1;
                yield same(n, new Transpose(perm), in, isMapped, batch);
            }
            case BroadcastTo b -> List.of(broadcast(in[0], shape));
            case Slice s -> same(n, new Slice(prepend(0, s.start()), prepend(1, s.step())), in, isMapped, batch);
            case SliceUpdate s -> same(n, new SliceUpdate(prepend(0, s.start()), prepend(1, s.step())), in, isMapped, batch);
            case Concatenate c -> same(n, new Concatenate(c.axis() + 1), in, isMapped, batch);
            case Scan s -> same(n, new Scan(s.op(), s.axis() + 1, s.reverse(), s.inclusive()), in, isMapped, batch);
            case Sort s -> same(n, new Sort(s.axis() + 1), in, isMapped, batch);
            case ArgSort s -> same(n, new ArgSort(s.axis() + 1), in, isMapped, batch);
            case Partition s -> same(n, new Partition(s.axis() + 1, s.kth(), s.indices()), in, isMapped, batch);
            case TakeAlongAxis s -> same(n, new TakeAlongAxis(s.axis() + 1), in, isMapped, batch);
            case PutAlongAxis s -> same(n, new PutAlongAxis(s.op(), s.axis() + 1), in, isMapped, batch);
            case RandomBits r -> same(n, new RandomBits(shape, r.width()), in, isMapped, batch); // one block per key, as in MLX
            case Gather g -> List.of(VmapIndexing.gather(g, in, isMapped, batch, n.shape));
            case Scatter s -> List.of(VmapIndexing.scatter(s, in, isMapped, batch));
            case Take tk -> List.of(VmapIndexing.take(tk, in, isMapped, batch));
            case Compiled c -> List.of(compiled(c, in, isMapped, batch, n));
            case CustomVjp c -> c.vmapRule() != null ? customVmap(c, n, in, isMapped, batch) : same(n, batchedRule(c), in, isMapped, batch);
            case View v -> same(n, v, in, isMapped, batch); // the batch axis leads, the view changes the last
            case SearchSorted s -> List.of(VmapSearchSorted.batched(s, in, isMapped, batch));
            // quantization
            case QuantPack q -> same(n, q, in, isMapped, batch);
            case QuantUnpack q -> same(n, q, in, isMapped, batch);
            case QuantToFp8 q -> same(n, q, in, isMapped, batch);
            case QuantMatmul q -> List.of(VmapQuant.matmul(q, in, isMapped, batch, n.shape));
            // convolutions
            case Convolution c -> List.of(VmapConvolution.batched(c, in[0], in[1], isMapped[0], isMapped[1], batch));
            case Fft f -> same(n, new Fft(shift(f.axes()), f.inverse(), f.real()), in, isMapped, batch);
            case FastPrimitive f -> List.of(f.vmap(in, isMapped, batch));
            case LinalgFactor f -> same(n, f, in, isMapped, batch); // batched over leading axes already
        };
    }

    /** Every input with the batch on axis 0 (unmapped ones repeated as views). */
    private static Array[] allBatched(Array[] in, boolean[] isMapped, int batch) {
        Array[] out = in.clone();
        for (int i = 0; i < out.length; i++) if (!isMapped[i]) out[i] = withBatch(out[i], batch);
        return out;
    }

    /**
     * {@code q} (the primitive with its axes shifted past the batch axis) over every input batched, giving
     * each of {@code n}'s outputs its batched shape.
     */
    private static List<Array> same(Node n, Primitive q, Array[] in, boolean[] isMapped, int batch) {
        Array[] inputs = allBatched(in, isMapped, batch);
        Node[] outs = n.outputs();
        if (outs.length == 1) return List.of(Handles.make(q, prepend(batch, n.shape), n.dtype, inputs));
        Node[] inNodes = new Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) inNodes[i] = Handles.node(inputs[i]);
        Node[] nodes = new Node[outs.length];
        for (int i = 0; i < outs.length; i++) {
            nodes[i] = new Node(q, inNodes, prepend(batch, outs[i].shape), outs[i].dtype, Mx.currentStream());
        }
        Node.linkSiblings(nodes);
        List<Array> results = new ArrayList<>(outs.length);
        for (Node x : nodes) results.add(Handles.wrap(x));
        return results;
    }

    /** BroadcastTo of a batched input (always mapped: its only input): its missing leading axes go after the batch axis. */
    private static Array broadcast(Array x, int[] shape) {
        int lead = shape.length - x.ndim();
        if (lead > 0) {
            int[] s = x.shape();
            int[] expanded = new int[s.length + lead];
            expanded[0] = s[0];
            Arrays.fill(expanded, 1, 1 + lead, 1);
            System.arraycopy(s, 1, expanded, 1 + lead, s.length - 1);
            x = x.reshape(expanded);
        }
        return Handles.make(new BroadcastTo(shape), shape, x.dtype(), x);
    }

    /**
     * A fused region at the batched shape: element-wise, so it only needs every mapped input aligned with
     * the batched output (its batch axis first, then the axes it broadcasts over); unmapped inputs
     * broadcast as they are.
     */
    private static Array compiled(Compiled c, Array[] in, boolean[] isMapped, int batch, Node n) {
        int rank = n.shape.length;
        Array[] aligned = new Array[in.length];
        for (int i = 0; i < in.length; i++) {
            int[] s = in[i].shape();
            if (!isMapped[i] || s.length - 1 == rank) {
                aligned[i] = in[i];
                continue;
            }
            int[] shape = new int[rank + 1];
            Arrays.fill(shape, 1);
            shape[0] = batch;
            System.arraycopy(s, 1, shape, 1 + rank - (s.length - 1), s.length - 1);
            aligned[i] = in[i].reshape(shape);
        }
        return Handles.make(c, prepend(batch, n.shape), n.dtype, aligned);
    }

    /**
     * A custom-vjp node at the batched shapes: its outputs pass through as before, and its rule is the
     * vmap of the per-example rule over the batched arguments, cotangents and outputs.
     */
    private static CustomVjp batchedRule(CustomVjp c) {
        CustomVjp.Rule rule = (args, cts, outs) -> {
            int na = args.size(), nc = cts.size();
            List<Array> all = new ArrayList<>(args);
            all.addAll(cts);
            all.addAll(outs);
            Fn perExample = xs -> {
                List<Array> perArgs = xs.subList(0, na);
                List<Array> grads = new ArrayList<>(c.rule().vjp(perArgs, xs.subList(na, na + nc), xs.subList(na + nc, xs.size())));
                for (int i = 0; i < na; i++) if (grads.get(i) == null) grads.set(i, Mx.zerosLike(perArgs.get(i)));
                return grads;
            };
            return vmap(perExample, new int[all.size()], new int[na]).apply(all);
        };
        return new CustomVjp(c.label(), c.numOutputs(), c.rule() == null ? null : rule, batchedJvp(c), null);
    }

    /** A custom jvp rule at the batched shapes: the vmap of the per-example rule over arguments and tangents. */
    private static CustomVjp.JvpRule batchedJvp(CustomVjp c) {
        if (c.jvpRule() == null) return null;
        return (args, tangents) -> {
            int na = args.size();
            List<Array> all = new ArrayList<>(args);
            all.addAll(tangents);
            Fn perExample = xs -> c.jvpRule().jvp(xs.subList(0, na), xs.subList(na, xs.size()));
            return vmap(perExample, new int[all.size()], new int[c.numOutputs()]).apply(all);
        };
    }

    /**
     * A node with a custom vmap rule: the rule gets the arguments (mapped ones batched on axis 0, the others as
     * they are) and their axes, and its outputs, batched on axis 0, replace the function's.
     */
    private static List<Array> customVmap(CustomVjp c, Node n, Array[] in, boolean[] isMapped, int batch) {
        int k = c.numOutputs();
        List<Array> args = new ArrayList<>(in.length - k);
        int[] axes = new int[in.length - k];
        for (int i = k; i < in.length; i++) {
            args.add(in[i]);
            axes[i - k] = isMapped[i] ? 0 : Mx.UNMAPPED;
        }
        List<Array> outs = c.vmapRule().vmap(args, axes);
        Node[] nodes = n.outputs();
        if (outs == null || outs.size() != nodes.length) {
            throw new IllegalArgumentException(c.label() + ": the vmap rule returned " + (outs == null ? "null" : outs.size()
                    + " outputs") + " for a function with " + nodes.length);
        }
        for (int i = 0; i < nodes.length; i++) {
            int[] want = prepend(batch, nodes[i].shape);
            if (!Arrays.equals(outs.get(i).shape(), want)) {
                throw new IllegalArgumentException(c.label() + ": the vmap rule's output " + i + " has shape "
                        + Arrays.toString(outs.get(i).shape()) + ", expected " + Arrays.toString(want)
                        + " (the batch on the axis its out axis names, the per-example shape around it)");
            }
        }
        return outs;
    }
}
