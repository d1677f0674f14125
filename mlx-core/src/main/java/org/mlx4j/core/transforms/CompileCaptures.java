package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.TreeLike;

/** The array handles of captured trees ({@code withInputs}/{@code withOutputs}), read afresh at every call. */
final class CompileCaptures {
    private CompileCaptures() {}

    /**
     * The distinct handles (by identity) of every tree, in tree order: an {@link Array}, or {@code Map}s,
     * {@code Collection}s, {@code Object[]}s and {@link TreeLike}s of them.
     */
    static List<Array> leaves(String what, List<Object> trees) {
        List<Array> out = new ArrayList<>();
        Map<Array, Boolean> seen = new IdentityHashMap<>();
        for (Object t : trees) collect(what, t, out, seen);
        return out;
    }

    private static void collect(String what, Object tree, List<Array> out, Map<Array, Boolean> seen) {
        switch (tree) {
            case null -> { }
            case Array a -> { if (seen.put(a, true) == null) out.add(a); }
            case Map<?, ?> m -> { for (Object v : m.values()) collect(what, v, out, seen); }
            case Collection<?> c -> { for (Object v : c) collect(what, v, out, seen); }
            case Object[] arr -> { for (Object v : arr) collect(what, v, out, seen); }
            case TreeLike t -> collect(what, t.tree(), out, seen);
            default -> throw new IllegalArgumentException("compile: " + what + " expects arrays or trees (List, Map, "
                    + "Object[], TreeLike) of arrays, got " + tree.getClass().getName());
        }
    }
}
