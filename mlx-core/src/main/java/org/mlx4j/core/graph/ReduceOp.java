package org.mlx4j.core.graph;

/** Reductions over axes, evaluated by the {@code Reduce} primitive. */
public enum ReduceOp {
    SUM, PROD, MAX, MIN, ALL, ANY;

    public String opName() { return OpNames.camel(name()); }
}
