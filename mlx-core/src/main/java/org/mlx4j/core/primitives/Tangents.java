package org.mlx4j.core.primitives;

import org.mlx4j.core.graph.Handles;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/** Shared pieces of the forward-mode (jvp) rules. */
final class Tangents {
    private Tangents() {}

    /** No tangent reaches any of the {@code n} outputs. */
    static List<Array> none(int n) { return Collections.nCopies(n, null); }

    /** The one output's tangent (null for zero). */
    static List<Array> one(Array t) { return Collections.singletonList(t); }

    /** Whether every tangent in {@code [from, to)} is null. */
    static boolean allNull(List<Array> tangents, int from, int to) {
        for (int i = from; i < to; i++) if (tangents.get(i) != null) return false;
        return true;
    }

    /** {@code t}, or zeros shaped like {@code primal} where no tangent reaches it. */
    static Array orZeros(Array t, Array primal) { return t != null ? t : Mx.zerosLike(primal); }

    /** The sum of two tangents either of which may be null (zero). */
    static Array add(Array a, Array b) { return a == null ? b : b == null ? a : Mx.add(a, b); }

    /**
     * The tangent of a primitive that is linear in its first {@code linearInputs} inputs (the others are
     * indices or other non-differentiable operands, passed through): the primitive itself applied to the
     * tangents of those inputs, zeros standing in for null ones.
     */
    static List<Array> linear(Primitive p, int linearInputs, List<Array> primals, List<Array> tangents, List<Array> outputs) {
        if (allNull(tangents, 0, linearInputs)) return none(outputs.size());
        Array[] in = new Array[primals.size()];
        for (int i = 0; i < in.length; i++) in[i] = i < linearInputs ? orZeros(tangents.get(i), primals.get(i)) : primals.get(i);
        Array out = outputs.get(0);
        return one(Handles.make(p, out.shape(), out.dtype(), in));
    }

    /** {@link #linear} for a primitive linear in all its inputs. */
    static List<Array> linear(Primitive p, List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return linear(p, primals.size(), primals, tangents, outputs);
    }

    /** A list with nulls allowed, for rules of several outputs. */
    static List<Array> of(Array... tangents) { return Arrays.asList(tangents); }
}
