package org.mlx4j.core.transforms;

import java.util.Arrays;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.*;

/**
 * Output shapes of a tape step for new input shapes, when a shapeless compiled function is called with
 * shapes other than the traced ones. Element-wise regions broadcast; shape-preserving ops follow their
 * input; reductions, transposes, matrix products and reshapes that only add or drop unit axes (or
 * flatten) are recomputed. Any other op must see its traced input shapes, or the call fails with an
 * error naming the op and the shapes, since its output shape is baked into the trace.
 */
final class CompileShapes {
    private CompileShapes() {}

    static int[][] infer(CompileTape tape, CompileTape.Step s, Node[] in) {
        boolean unchanged = true;
        for (int k = 0; k < in.length; k++) unchanged &= Arrays.equals(in[k].shape, tape.shapes[s.inputs()[k]]);
        if (unchanged) return s.shapes();
        Primitive p = s.primitive();
        if (p instanceof CustomVjp) { // outputs pass their first inputs through
            int[][] r = new int[s.numOutputs()][];
            for (int o = 0; o < r.length; o++) r[o] = in[o].shape;
            return r;
        }
        if (p instanceof DivMod) {
            int[] sh = equalShapes(p, in);
            return new int[][] {sh, sh};
        }
        if (s.numOutputs() != 1) throw unsupported(p, tape, s, in);
        int[] x = in.length > 0 ? in[0].shape : null;
        int[] shape = switch (p) {
            case Compiled c -> broadcast(p, in);
            case Unary u -> x;
            case AsType a -> x;
            case Copy c -> x;
            case StopGradient g -> x;
            case Softmax m -> x;
            case Sort o -> x;
            case ArgSort o -> x;
            case Scan c -> x;
            case Binary b -> equalShapes(p, in);
            case Where w -> equalShapes(p, in);
            case Reduce r -> withUnitAxes(x, r.axes());
            case ArgReduce r -> withUnitAxes(x, new int[] {r.axis()});
            case LogSumExp l -> withUnitAxes(x, new int[] {x.length - 1});
            case Transpose t -> {
                int[] r = new int[x.length];
                for (int i = 0; i < r.length; i++) r[i] = x[t.axes()[i]];
                yield r;
            }
            case Matmul m -> matmul(in);
            case FastPrimitive f -> {
                int[][] shapes = new int[in.length][];
                for (int k = 0; k < in.length; k++) shapes[k] = in[k].shape;
                yield f.outputShape(shapes);
            }
            case Reshape r -> reshape(tape.shapes[s.inputs()[0]], r.shape(), x);
            case BroadcastTo b -> broadcastTo(tape.shapes[s.inputs()[0]], b.shape(), x);
            case QuantToFp8 q -> x;
            case Slice _, SliceUpdate _, Concatenate _, Full _, Arange _, DivMod _, Partition _, Gather _,
                    Scatter _, Take _, TakeAlongAxis _, PutAlongAxis _, CustomVjp _, Placeholder _, RandomBits _,
                    View _, SearchSorted _, QuantPack _, QuantUnpack _, QuantMatmul _, Convolution _, Fft _,
                    LinalgFactor _
                    -> throw unsupported(p, tape, s, in);
        };
        return new int[][] {shape};
    }

    private static IllegalArgumentException unsupported(Primitive p, CompileTape tape, CompileTape.Step s, Node[] in) {
        StringBuilder now = new StringBuilder(), traced = new StringBuilder();
        for (int k = 0; k < in.length; k++) {
            now.append(k == 0 ? "" : ", ").append(Arrays.toString(in[k].shape));
            traced.append(k == 0 ? "" : ", ").append(Arrays.toString(tape.shapes[s.inputs()[k]]));
        }
        return new IllegalArgumentException("compile (shapeless): " + p.name() + " was traced with input shapes " + traced
                + " and cannot take input shapes " + now + ": its output shape is fixed by the trace;"
                + " compile without shapeless to trace each shape");
    }

    /** NumPy broadcasting of every input shape (the output of a fused element-wise region). */
    static int[] broadcast(Primitive p, Node[] in) {
        int rank = 0;
        for (Node n : in) rank = Math.max(rank, n.shape.length);
        int[] r = new int[rank];
        Arrays.fill(r, 1);
        for (Node n : in) {
            int lead = rank - n.shape.length;
            for (int i = 0; i < n.shape.length; i++) {
                int d = n.shape[i], cur = r[lead + i];
                if (d == cur || d == 1) continue;
                if (cur != 1) throw shapeError(p, in, "shapes do not broadcast");
                r[lead + i] = d;
            }
        }
        return r;
    }

    private static int[] equalShapes(Primitive p, Node[] in) {
        for (Node n : in) if (!Arrays.equals(n.shape, in[0].shape)) throw shapeError(p, in, "shapes differ");
        return in[0].shape;
    }

    private static IllegalArgumentException shapeError(Primitive p, Node[] in, String why) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < in.length; k++) sb.append(k == 0 ? "" : ", ").append(Arrays.toString(in[k].shape));
        return new IllegalArgumentException("compile (shapeless): " + p.name() + " with input shapes " + sb + ": " + why);
    }

    private static int[] withUnitAxes(int[] x, int[] axes) {
        int[] r = x.clone();
        for (int a : axes) r[a] = 1;
        return r;
    }

    private static int[] matmul(Node[] in) {
        int[] a = in[0].shape, b = in[1].shape;
        int ra = a.length, rb = b.length;
        if (a[ra - 1] != b[rb - 2] || !Arrays.equals(Arrays.copyOf(a, ra - 2), Arrays.copyOf(b, rb - 2))) {
            throw new IllegalArgumentException("compile (shapeless): Matmul cannot multiply shapes " + Arrays.toString(a)
                    + " and " + Arrays.toString(b) + (a[ra - 1] != b[rb - 2]
                    ? " (inner dimensions " + a[ra - 1] + " and " + b[rb - 2] + " differ)" : " (batch dimensions differ)"));
        }
        int[] r = a.clone();
        r[ra - 1] = b[rb - 1];
        return r;
    }

    /**
     * A traced reshape {@code from -> to} applied to a new input shape {@code x}: reshapes that insert or
     * remove unit axes keep doing so, a flatten to one axis keeps flattening; others need the traced shape.
     */
    private static int[] reshape(int[] from, int[] to, int[] x) {
        if (to.length == 1 && from.length != 1) return new int[] {(int) size(x)};
        // align the traced shapes, skipping unit axes dropped from `from` or inserted into `to`
        int[] r = new int[to.length];
        int i = 0, j = 0;
        while (j < to.length) {
            if (i < from.length && from[i] == to[j]) {
                r[j++] = x[i++];
            } else if (i < from.length && from[i] == 1) {
                i++;
            } else if (to[j] == 1) {
                r[j++] = 1;
            } else {
                r = null;
                break;
            }
        }
        while (r != null && i < from.length) if (from[i++] != 1) r = null;
        if (r == null || size(r) != size(x)) {
            throw new IllegalArgumentException("compile (shapeless): Reshape was traced from " + Arrays.toString(from) + " to "
                    + Arrays.toString(to) + " and cannot reshape an input of shape " + Arrays.toString(x)
                    + ": the target shape is fixed by the trace; compile without shapeless to trace each shape");
        }
        return r;
    }

    /** A traced broadcast {@code from -> to}: axes the source supplied follow the new source. */
    private static int[] broadcastTo(int[] from, int[] to, int[] x) {
        int[] r = to.clone();
        int lead = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] == to[lead + i]) r[lead + i] = x[i];
            else if (x[i] != 1) {
                throw new IllegalArgumentException("compile (shapeless): BroadcastTo was traced from " + Arrays.toString(from)
                        + " to " + Arrays.toString(to) + " and cannot broadcast an input of shape " + Arrays.toString(x));
            }
        }
        return r;
    }

    private static long size(int[] s) {
        long n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
