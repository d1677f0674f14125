package org.mlx4j.core.graph;

/**
 * How much an element-wise op costs per element, for parallel grain sizes and fusion. Parallel loops give
 * costlier ops smaller chunks so that every chunk takes about the same time.
 */
public enum Cost {
    /** One or two vector instructions per element: arithmetic, comparisons, bitwise ops, rounding. */
    CHEAP,
    /** A vector division on floating types, a scalar loop on integers (integer division has no vector form). */
    DIVISION,
    /** A math-library call or a scalar loop per element: exp, log, trigonometry, power, floor division. */
    TRANSCENDENTAL;

    /** True when an element of {@code integer} (or, if false, floating) data costs tens of nanoseconds. */
    public boolean expensive(boolean integer) {
        return switch (this) {
            case CHEAP -> false;
            case DIVISION -> integer;
            case TRANSCENDENTAL -> true;
        };
    }
}
