package org.mlx4j.core.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;

/**
 * Derivatives and batching of a {@link FastPrimitive} through its fallback: the fallback is a function
 * of the floating inputs (offsets and boolean masks stay fixed), differentiated or vmapped as ordinary
 * ops.
 */
final class FastDerivatives {
    private FastDerivatives() {}

    static List<Array> vjp(FastPrimitive p, List<Array> primals, List<Array> cotangents, int[] argnums) {
        int[] wrt = Arrays.stream(argnums).filter(i -> primals.get(i).dtype().isFloating()).toArray();
        Array[] result = new Array[argnums.length];
        if (wrt.length > 0) {
            List<Array> grads = Mx.vjp(over(p, primals, wrt), pick(primals, wrt), cotangents).vjps();
            for (int i = 0; i < argnums.length; i++) {
                int k = Arrays.binarySearch(wrt, argnums[i]);
                if (k >= 0) result[i] = grads.get(k);
            }
        }
        return Arrays.asList(result);
    }

    static List<Array> jvp(FastPrimitive p, List<Array> primals, List<Array> tangents) {
        int[] wrt = new int[primals.size()];
        int n = 0;
        for (int i = 0; i < primals.size(); i++) if (tangents.get(i) != null && primals.get(i).dtype().isFloating()) wrt[n++] = i;
        if (n == 0) return Tangents.none(1);
        wrt = Arrays.copyOf(wrt, n);
        return Tangents.one(Mx.jvp(over(p, primals, wrt), pick(primals, wrt), pick(tangents, wrt)).jvps().get(0));
    }

    /** The fallback vmapped over the batched inputs (batch axis 0), the others shared. */
    static Array vmapFallback(FastPrimitive p, Array[] in, boolean[] isMapped) {
        int[] axes = new int[in.length];
        for (int i = 0; i < in.length; i++) axes[i] = isMapped[i] ? 0 : Mx.UNMAPPED;
        Fn f = xs -> List.of(p.fallback(xs));
        return Mx.vmap(f, axes, new int[] {0}).apply(List.of(in)).get(0);
    }

    /** The fallback as a function of the inputs listed in {@code wrt}, the others fixed to {@code primals}. */
    private static Fn over(FastPrimitive p, List<Array> primals, int[] wrt) {
        return xs -> {
            List<Array> all = new ArrayList<>(primals);
            for (int k = 0; k < wrt.length; k++) all.set(wrt[k], xs.get(k));
            return List.of(p.fallback(all));
        };
    }

    private static List<Array> pick(List<Array> xs, int[] at) {
        List<Array> r = new ArrayList<>(at.length);
        for (int i : at) r.add(xs.get(i));
        return r;
    }
}
