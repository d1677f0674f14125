package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.Cost;

/**
 * Element-wise binary ops on the CPU, for inputs already broadcast to the output shape and promoted to one
 * dtype (as MLX's {@code backend/cpu/binary.h}). The iteration space is collapsed first, so contiguous and
 * scalar-broadcast problems become one row (scalar-scalar, scalar-vector, vector-scalar, vector-vector), and
 * the general strided or broadcast case walks its innermost axis as rows, each input with its own stride:
 * a row broadcast {@code [N,1] x [1,M]} runs N scalar-vector rows over contiguous data. Rows run on the
 * Vector API loops of the dtype's kernel ({@link BinaryFloat32}, {@link BinaryFloat64}, {@link BinaryInt8} to
 * {@link BinaryInt64}, {@link BinaryHalf}, {@link BinaryBool}) or the widening scalar kernels
 * ({@link BinaryIntegers}, {@link BinaryComplex64}), split across cores with {@link Parallel#forRange} once they are big enough.
 *
 * <p>Dtypes: what each op's {@link org.mlx4j.core.graph.DTypeRule} computes in that dtype (see
 * {@link #supports}); the scalar semantics are the op's own ({@link BinaryOp#applyReal},
 * {@link BinaryOp#applyIntegral}), which the vector loops agree with.
 */
public final class BinaryKernels {
    private BinaryKernels() {}

    /** Elements per parallel chunk for cheap ops on 4- and 8-byte types (a few microseconds of work: forking costs about as much). */
    static final long GRAIN = Parallel.DEFAULT_GRAIN;
    /** Elements per parallel chunk for ops costing tens of nanoseconds an element. */
    static final long GRAIN_EXPENSIVE = 1 << 12;
    /** Chunk boundaries are multiples of this: whole vectors and whole cache lines of output. */
    static final long ALIGN = 64;

    /**
     * {@code out[i] = op(a[i], b[i])}. a and b have the same dtype and the same shape as out (broadcast axes
     * have stride 0, reversed ones negative strides); out is row-major contiguous with dtype BOOL for
     * {@link BinaryOp#producesBool()} ops, else a's dtype.
     *
     * @throws IllegalArgumentException when the dtypes, shapes or layouts do not fit, or the op is not
     *                                  defined for the dtype
     */
    public static void apply(BinaryOp op, StridedView a, StridedView b, StridedView out) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        check(op, a, b, out);
        BinaryContiguous kernel = kernel(op, a.dtype());
        long n = out.size();
        if (n == 0) return;
        long grain = grain(op, a.dtype());
        if (n <= grain) { // one chunk: small ops skip collapsing axes when the operands are one contiguous run
            Layout layout = Layout.of(a, b);
            if (layout != Layout.STRIDED) {
                run(kernel, layout, a.segment(), a.offset(), b.segment(), b.offset(), out.segment(), out.offset(), n);
                return;
            }
        }
        BinaryShapes shapes = BinaryShapes.collapse(out.shape(), a.strides(), b.strides());
        int inBytes = a.dtype().size(), outBytes = out.dtype().size();
        MemorySegment as = a.segment(), bs = b.segment(), os = out.segment();
        long sa = shapes.innerStride(0), sb = shapes.innerStride(1), o0 = out.offset();
        long[] bases = {a.offset(), b.offset()};
        Parallel.forRange(n, grain, ALIGN, (start, end) -> shapes.forEachRow(bases, start, end,
                (at, o, len) -> BinaryStrided.row(kernel, inBytes, outBytes, as, at[0], sa, bs, at[1], sb, os, o0 + o, len)));
    }

    /**
     * The operand layouts that are one contiguous run with the output, so the kernel's vector-vector,
     * scalar-vector or vector-scalar loop covers the whole op without collapsing axes or walking rows.
     */
    private enum Layout {
        VV, SV, VS, STRIDED;

        static Layout of(StridedView a, StridedView b) {
            boolean aRow = a.isRowContiguous(), bRow = b.isRowContiguous();
            if (aRow && bRow) return VV;
            if (bRow && a.isScalarBroadcast()) return SV;
            if (aRow && b.isScalarBroadcast()) return VS;
            return STRIDED;
        }
    }

    private static void run(BinaryContiguous kernel, Layout layout, MemorySegment a, long ai, MemorySegment b, long bi,
                            MemorySegment o, long oi, long n) {
        switch (layout) {
            case VV -> kernel.vv(a, ai, b, bi, o, oi, n);
            case SV -> kernel.sv(a, ai, b, bi, o, oi, n);
            case VS -> kernel.vs(a, ai, b, bi, o, oi, n);
            case STRIDED -> throw new IllegalStateException("strided operands take the row walk");
        }
    }

    private static final BinaryOp[] OPS = BinaryOp.values();
    private static final DType[] TYPES = DType.values();
    /**
     * Kernels made so far, by op and dtype ordinal. They are immutable (final fields only), so a racy
     * first use at worst makes two equal kernels and keeps either.
     */
    private static final BinaryContiguous[][] KERNELS = new BinaryContiguous[OPS.length][TYPES.length];
    /** "binary op NAME" per op, for the argument checks' messages. */
    private static final String[] NAMES = new String[OPS.length];

    static {
        for (BinaryOp op : OPS) NAMES[op.ordinal()] = "binary op " + op.opName();
    }

    /** The contiguous-run kernel of {@code op} on {@code type}, or an exception when the op is not defined for it. */
    static BinaryContiguous kernel(BinaryOp op, DType type) {
        BinaryContiguous cached = KERNELS[op.ordinal()][type.ordinal()];
        if (cached != null) return cached;
        BinaryContiguous made = newKernel(op, type);
        KERNELS[op.ordinal()][type.ordinal()] = made;
        return made;
    }

    private static BinaryContiguous newKernel(BinaryOp op, DType type) {
        if (!supports(op, type)) {
            throw new IllegalArgumentException("binary op " + op.opName() + " is not defined for " + type.mlxName());
        }
        return switch (type) {
            case FLOAT32 -> new BinaryFloat32(op);
            case FLOAT64 -> new BinaryFloat64(op);
            case FLOAT16, BFLOAT16 -> new BinaryHalf(op, type);
            case INT8, UINT8 -> BinaryInt8.handles(op) ? new BinaryInt8(op, type == DType.UINT8) : new BinaryIntegers(op, type);
            case INT16, UINT16 -> BinaryInt16.handles(op) ? new BinaryInt16(op, type == DType.UINT16) : new BinaryIntegers(op, type);
            case INT32, UINT32 -> BinaryInt32.handles(op) ? new BinaryInt32(op, type == DType.UINT32) : new BinaryIntegers(op, type);
            case INT64, UINT64 -> BinaryInt64.handles(op) ? new BinaryInt64(op, type == DType.UINT64) : new BinaryIntegers(op, type);
            case COMPLEX64 -> new BinaryComplex64(op);
            case BOOL -> new BinaryBool(op);
        };
    }

    /**
     * Whether {@link #apply} accepts {@code op} on inputs of {@code type}: what the op's dtype rule computes
     * in that dtype, and also the logical ops on any real dtype (the op converts to bool first; the kernels
     * test for non-zero themselves) and integer division (truncating; the op itself divides in float32).
     */
    static boolean supports(BinaryOp op, DType type) {
        return switch (op.rule().action(type)) {
            case COMPUTE -> true;
            case TO_BOOL -> !type.isComplex();
            case TO_FLOAT32 -> type.isInteger() && op.cost() == Cost.DIVISION; // truncating integer division
            case IDENTITY, ZEROS, REJECT -> false;
        };
    }

    /** About the same time per chunk whatever the op and dtype: cheap byte ops take bigger chunks, costly ops smaller. */
    private static long grain(BinaryOp op, DType type) {
        if (type == DType.COMPLEX64 || op.cost().expensive(!type.isFloating())) return GRAIN_EXPENSIVE;
        return switch (type) {
            case BOOL, INT8, UINT8 -> 4 * GRAIN;
            case INT16, UINT16 -> 2 * GRAIN;
            case FLOAT16, BFLOAT16 -> GRAIN / 2; // converted in and out
            case INT32, UINT32, INT64, UINT64, FLOAT32, FLOAT64, COMPLEX64 -> GRAIN;
        };
    }

    private static void check(BinaryOp op, StridedView a, StridedView b, StridedView out) {
        String name = NAMES[op.ordinal()];
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(name + ": operand dtypes differ (" + a.dtype().mlxName()
                    + " and " + b.dtype().mlxName() + ")");
        }
        DType expected = op.producesBool() ? DType.BOOL : a.dtype();
        if (out.dtype() != expected) {
            throw new IllegalArgumentException(name + ": output dtype must be " + expected.mlxName() + ", got "
                    + out.dtype().mlxName());
        }
        BinaryChecks.sameShape(name, "a", a, out);
        BinaryChecks.sameShape(name, "b", b, out);
        BinaryChecks.output(name, out);
        BinaryChecks.inBounds(name, "a", a);
        BinaryChecks.inBounds(name, "b", b);
    }
}
