package org.mlx4j.core.transforms;

import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.utils.Tree;

/** The array handles of captured trees ({@code withInputs}/{@code withOutputs}), read afresh at every call. */
final class CompileCaptures {
    private CompileCaptures() {}

    /** The distinct handles (by identity) of every tree, in tree order (any tree {@link Tree} walks). */
    static List<Array> leaves(String what, List<Object> trees) {
        return Tree.arrays("compile: " + what, trees.toArray());
    }
}
