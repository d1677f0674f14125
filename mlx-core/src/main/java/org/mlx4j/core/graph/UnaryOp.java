package org.mlx4j.core.graph;

/** Element-wise functions of one array, evaluated by the {@code Unary} primitive. */
public enum UnaryOp {
    ABS, NEGATIVE, SIGN, SQRT, RSQRT, SQUARE, RECIPROCAL,
    EXP, EXPM1, LOG, LOG2, LOG10, LOG1P,
    SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, ARCSINH, ARCCOSH, ARCTANH,
    FLOOR, CEIL, ROUND, ERF, ERFINV, SIGMOID,
    LOGICAL_NOT, BITWISE_INVERT, ISNAN, ISINF, ISFINITE,
    REAL, IMAG, CONJUGATE;

    /** Lower camel-case op name as in {@code Mx} (e.g. {@code arcsinh}, {@code logicalNot}). */
    public String opName() { return OpNames.camel(name()); }

    /** True for ops whose output is BOOL whatever the input. */
    public boolean isPredicate() { return this == ISNAN || this == ISINF || this == ISFINITE || this == LOGICAL_NOT; }
}
