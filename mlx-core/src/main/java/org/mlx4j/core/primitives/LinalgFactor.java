package org.mlx4j.core.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;

/**
 * One matrix factorization or inversion ({@link LinalgKind}) over the last two axes, batched over the leading
 * axes (equal batch shapes for {@code SOLVE}'s two inputs). Its derivatives are in {@link LinalgRules}.
 */
public record LinalgFactor(LinalgKind kind) implements Primitive {

    @Override
    public String name() { return "Linalg" + kind.name(); }

    /** Builds the node(s) of {@code kind} over float32/float64 inputs whose shapes the caller has checked. */
    public static List<Array> apply(LinalgKind kind, Array... inputs) {
        int[] shape = inputs[0].shape();
        int r = shape.length, m = shape[r - 2], n = shape[r - 1], k = Math.min(m, n);
        int[] batch = Arrays.copyOf(shape, r - 2);
        DType t = inputs[0].dtype(), c = DType.COMPLEX64;
        Object[][] outs = switch (kind) { // pairs of shape tail and dtype
            case LU_FACTOR -> new Object[][] {{new int[] {m, n}, t}, {new int[] {k}, DType.UINT32}, {new int[] {m}, DType.UINT32}};
            case QR -> new Object[][] {{new int[] {m, k}, t}, {new int[] {k, n}, t}};
            case SVD -> new Object[][] {{new int[] {m, m}, t}, {new int[] {k}, t}, {new int[] {n, n}, t}};
            case SVD_VALUES -> new Object[][] {{new int[] {k}, t}};
            case EIGH -> new Object[][] {{new int[] {n}, t}, {new int[] {n, n}, t}};
            case EIGVALSH -> new Object[][] {{new int[] {n}, t}};
            case EIG -> new Object[][] {{new int[] {n}, c}, {new int[] {n, n}, c}};
            case EIGVALS -> new Object[][] {{new int[] {n}, c}};
            case CHOLESKY, INV, TRI_INV -> new Object[][] {{new int[] {n, n}, t}};
            case SOLVE -> new Object[][] {{inputs[1].shape(), t}};
        };
        LinalgFactor p = new LinalgFactor(kind);
        if (outs.length == 1) {
            int[] s = kind == LinalgKind.SOLVE ? (int[]) outs[0][0] : concat(batch, (int[]) outs[0][0]);
            return List.of(Handles.make(p, s, (DType) outs[0][1], inputs));
        }
        Node[] in = new Node[inputs.length];
        for (int i = 0; i < in.length; i++) in[i] = Handles.node(inputs[i]);
        Node[] nodes = new Node[outs.length];
        for (int i = 0; i < outs.length; i++) {
            nodes[i] = new Node(p, in, concat(batch, (int[]) outs[i][0]), (DType) outs[i][1], Mx.currentStream());
        }
        Node.linkSiblings(nodes);
        List<Array> result = new ArrayList<>(nodes.length);
        for (Node x : nodes) result.add(Handles.wrapResult(x));
        return result;
    }

    private static int[] concat(int[] batch, int[] tail) {
        int[] r = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, r, batch.length, tail.length);
        return r;
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return LinalgRules.vjp(kind, primals, cotangents, argnums, outputs);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return LinalgRules.jvp(kind, primals, tangents, outputs);
    }
}
