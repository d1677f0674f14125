package org.mlx4j.core;

/** Special index items for {@link Array#get(Object...)}: NumPy's {@code None} and {@code ...}. */
public enum Index {
    /** Inserts an axis of extent 1 ({@code None} / {@code np.newaxis}). */
    NEW_AXIS,
    /** Stands for as many full slices as needed ({@code ...}). */
    ELLIPSIS
}
