package org.mlx4j.core;

import java.util.List;

/** A function of several arrays returning several arrays: what the transformations take. */
@FunctionalInterface
public interface Fn {
    /**
     * Applies the function.
     *
     * @param args the arguments
     * @return the outputs
     */
    List<Array> apply(List<Array> args);
}
