package org.mlx4j.core;

/** Something that holds a tree of arrays (a module's parameters, an optimizer's state). */
public interface TreeLike {
    /**
     * The arrays as nested {@code Map}s and {@code List}s.
     *
     * @return the tree
     */
    Object tree();
}
