package org.mlx4j.core.graph;

import java.util.Objects;

/**
 * The vector form of an element-wise op, from which fused kernels are generated: an expression over the
 * operands {@link #X} and {@link #Y} built from Vector API operations ({@code VectorOperators} names).
 * Values are either vectors of the lane type (float32 or float64) or masks (bool values). A sub-expression
 * object used twice is computed once. The code generator turns each node into one Vector API call, so the
 * formula reads as the kernel it becomes.
 */
public sealed interface LaneFormula {

    /** Operand {@code index} of the op. */
    record Arg(int index) implements LaneFormula {}

    /** A constant broadcast to every lane. */
    record Const(double value) implements LaneFormula {}

    /** {@code a.lanewise(VectorOperators.<op>)}. */
    record Lanewise(String op, LaneFormula a) implements LaneFormula {
        public Lanewise { Objects.requireNonNull(op); Objects.requireNonNull(a); }
    }

    /** {@code a.lanewise(VectorOperators.<op>, b)}. */
    record Lanewise2(String op, LaneFormula a, LaneFormula b) implements LaneFormula {
        public Lanewise2 { Objects.requireNonNull(op); Objects.requireNonNull(a); Objects.requireNonNull(b); }
    }

    /** {@code a.compare(VectorOperators.<op>, b)}: a mask. */
    record Compare(String op, LaneFormula a, LaneFormula b) implements LaneFormula {
        public Compare { Objects.requireNonNull(op); Objects.requireNonNull(a); Objects.requireNonNull(b); }
    }

    /** {@code a.test(VectorOperators.<op>)}: a mask. */
    record Test(String op, LaneFormula a) implements LaneFormula {
        public Test { Objects.requireNonNull(op); Objects.requireNonNull(a); }
    }

    /** {@code base.blend(other, mask)}: {@code other} where the mask is set, else {@code base}. */
    record Blend(LaneFormula base, LaneFormula other, LaneFormula mask) implements LaneFormula {
        public Blend { Objects.requireNonNull(base); Objects.requireNonNull(other); Objects.requireNonNull(mask); }
    }

    /** A value as a mask: itself if it is one, else {@code a != 0} (NaN counts as true). */
    record Truth(LaneFormula a) implements LaneFormula {
        public Truth { Objects.requireNonNull(a); }
    }

    /** Mask operations: {@code not} ({@code b} null), {@code and}, {@code or}. */
    record MaskOp(String op, LaneFormula a, LaneFormula b) implements LaneFormula {
        public MaskOp { Objects.requireNonNull(op); Objects.requireNonNull(a); }
    }

    LaneFormula X = new Arg(0);
    LaneFormula Y = new Arg(1);

    static LaneFormula k(double v) { return new Const(v); }

    static LaneFormula un(String op, LaneFormula a) { return new Lanewise(op, a); }

    static LaneFormula bin(String op, LaneFormula a, LaneFormula b) { return new Lanewise2(op, a, b); }

    static LaneFormula cmp(String op, LaneFormula a, LaneFormula b) { return new Compare(op, a, b); }

    static LaneFormula test(String op, LaneFormula a) { return new Test(op, a); }

    static LaneFormula blend(LaneFormula base, LaneFormula other, LaneFormula mask) { return new Blend(base, other, mask); }

    static LaneFormula not(LaneFormula a) { return new MaskOp("not", new Truth(a), null); }

    static LaneFormula and(LaneFormula a, LaneFormula b) { return new MaskOp("and", new Truth(a), new Truth(b)); }

    static LaneFormula or(LaneFormula a, LaneFormula b) { return new MaskOp("or", new Truth(a), new Truth(b)); }
}
