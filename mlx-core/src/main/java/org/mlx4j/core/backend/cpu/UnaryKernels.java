package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.DTypeRule;
import org.mlx4j.core.graph.UnaryOp;

/**
 * Element-wise functions of one array on the CPU. Contiguous inputs run the per-dtype kernels in
 * place ({@link UnaryFloat32}, {@link UnaryFloat64}, {@link UnaryHalf}, {@link UnaryInteger},
 * {@link UnaryComplex}); strided inputs are gathered block by block into a small contiguous scratch
 * first; a broadcast scalar is computed once and replicated. Large arrays fan out over
 * {@link Parallel}.
 *
 * <p>Semantics follow MLX: integers wrap (ABS and NEGATIVE of the minimum value give it back,
 * unsigned NEGATIVE wraps), SIGN is -1/0/1 with +0 for both zeros and NaN for NaN (0/1 for unsigned),
 * ROUND is half to even, FLOOR/CEIL/ROUND are the identity on integers, BITWISE_INVERT of bool is
 * logical not, the class tests are false/false/true on integers. ABS, SIGN and SQUARE of bool are the
 * identity; NEGATIVE of bool is rejected, as in MLX. Floating-point functions reject integer inputs
 * (the op layer casts them first). complex64 supports NEGATIVE, ABS, SIGN (z/|z|), SQUARE, SQRT,
 * RSQRT, RECIPROCAL, EXP, LOG, LOG2, LOG10, SIN, COS, TAN, SINH, COSH, TANH, ROUND, CONJUGATE, REAL,
 * IMAG, LOGICAL_NOT and the class tests.
 */
public final class UnaryKernels {
    private UnaryKernels() {}

    private static final int BLOCK = 2048;
    private static final long GRAIN_CHEAP = 1 << 16;
    private static final long GRAIN_TRANSCENDENTAL = 1 << 14;

    /**
     * out[i] = op(in[i]). in has the same shape as out (strides may be 0 or negative); out is row-major
     * contiguous with offset 0. out dtype: BOOL for ISNAN/ISINF/ISFINITE/LOGICAL_NOT; FLOAT32 for REAL/IMAG
     * of COMPLEX64; otherwise in's dtype.
     */
    public static void apply(UnaryOp op, StridedView in, StridedView out) {
        Objects.requireNonNull(op, "op");
        DType type = in.dtype();
        DType expected = outputType(op, type);
        if (out.dtype() != expected)
            throw new IllegalArgumentException(op.opName() + ": output dtype for " + type.mlxName() + " input must be "
                    + expected.mlxName() + ", got " + out.dtype().mlxName());
        CopyKernels.checkSameShape(op.opName(), in, out);
        CopyKernels.checkOutput(op.opName(), out);
        long n = out.size();
        if (n == 0) return;
        switch (shortcut(op, type)) {
            case COPY -> { CopyKernels.copy(in, out); return; }
            case ZERO -> { CopyKernels.fill(out, 0); return; }
            case ONE -> { CopyKernels.fill(out, 1); return; }
            case NONE -> { }
        }
        int is = type.size(), os = expected.size();
        MemorySegment src = in.segment(), dst = out.segment();
        long db = out.byteOffset();
        long grain = isCheap(op, type) ? GRAIN_CHEAP : GRAIN_TRANSCENDENTAL;
        if (in.isRowContiguous()) { // the common case: no layout to work out, one chunk runs inline
            long sb = in.byteOffset();
            if (n <= grain) contiguous(op, type, src, sb, dst, db, n);
            else Parallel.forRange(n, grain, 64, (s, e) -> contiguous(op, type, src, sb + s * is, dst, db + s * os, e - s));
            return;
        }
        CopyLayout layout = CopyLayout.of(in);
        if (layout.isContiguous()) {
            long sb = layout.offset * is;
            Parallel.forRange(n, grain, 64, (s, e) -> contiguous(op, type, src, sb + s * is, dst, db + s * os, e - s));
        } else if (layout.isBroadcast()) {
            MemorySegment one = MemorySegment.ofArray(new long[1]);
            contiguous(op, type, src, layout.offset * is, one, 0, 1);
            CopyKernels.fillWith(one, os, dst, db, n);
        } else {
            Parallel.forRange(n, grain, BLOCK, (s, e) -> {
                MemorySegment scratch = MemorySegment.ofArray(new long[(int) Math.min(BLOCK, e - s)]);
                for (long b = s; b < e; b += BLOCK) {
                    long m = Math.min(BLOCK, e - b);
                    layout.gather(src, is, b, b + m, scratch, 0);
                    contiguous(op, type, scratch, 0, dst, db + b * os, m);
                }
            });
        }
    }

    /** Runs {@code op} over {@code n} consecutive elements. */
    private static void contiguous(UnaryOp op, DType type, MemorySegment a, long ab, MemorySegment o, long ob, long n) {
        switch (type) {
            case FLOAT32 -> UnaryFloat32.apply(op, a, ab, o, ob, n);
            case FLOAT64 -> UnaryFloat64.apply(op, a, ab, o, ob, n);
            case FLOAT16, BFLOAT16 -> UnaryHalf.apply(op, type, a, ab, o, ob, n);
            case COMPLEX64 -> UnaryComplex.apply(op, a, ab, o, ob, n);
            default -> UnaryInteger.apply(op, type, a, ab, o, ob, n);
        }
    }

    private enum Shortcut { NONE, COPY, ZERO, ONE }

    /** Ops that are a copy or a constant for this dtype: the identities and zeros of the op's dtype rule, and a few values. */
    private static Shortcut shortcut(UnaryOp op, DType type) {
        switch (op.rule().action(type)) {
            case IDENTITY -> { return Shortcut.COPY; }
            case ZEROS -> { return Shortcut.ZERO; }
            case COMPUTE, TO_FLOAT32, TO_BOOL, REJECT -> { }
        }
        boolean integral = type.isInteger() || type == DType.BOOL;
        return switch (op) {
            case ABS -> type.isUnsignedInteger() || type == DType.BOOL ? Shortcut.COPY : Shortcut.NONE;
            case SIGN, SQUARE -> type == DType.BOOL ? Shortcut.COPY : Shortcut.NONE;
            case ISNAN, ISINF -> integral ? Shortcut.ZERO : Shortcut.NONE;
            case ISFINITE -> integral ? Shortcut.ONE : Shortcut.NONE;
            case NEGATIVE, SQRT, RSQRT, RECIPROCAL, EXP, EXPM1, LOG, LOG2, LOG10, LOG1P, SIN, COS, TAN, ARCSIN, ARCCOS,
                 ARCTAN, SINH, COSH, TANH, ARCSINH, ARCCOSH, ARCTANH, FLOOR, CEIL, ROUND, TRUNC, ERF, ERFINV, SIGMOID,
                 LOGICAL_NOT, BITWISE_INVERT, REAL, IMAG, CONJUGATE -> Shortcut.NONE;
        };
    }

    /** Cheap ops take bigger parallel chunks; complex numbers are never cheap. */
    private static boolean isCheap(UnaryOp op, DType type) {
        return type != DType.COMPLEX64 && !op.cost().expensive(type.isInteger() || type == DType.BOOL);
    }

    /**
     * The output dtype of {@code op} on {@code type} from the op's dtype rule, or an
     * IllegalArgumentException naming both when the op does not take {@code type} as it is.
     */
    static DType outputType(UnaryOp op, DType type) {
        Objects.requireNonNull(type, "dtype");
        DTypeRule rule = op.rule();
        if (!rule.takesAsIs(type)) {
            String hint = rule.action(type) == DTypeRule.Input.TO_FLOAT32 ? " (cast to a floating type first)"
                    : op == UnaryOp.NEGATIVE && type == DType.BOOL ? " (use logicalNot)" : "";
            throw new IllegalArgumentException(op.opName() + " is not supported for dtype " + type.mlxName() + hint
                    + "; valid: " + rule.validKinds());
        }
        return rule.result() == DTypeRule.Result.MAGNITUDE ? type : rule.resultType(type);
    }
}
