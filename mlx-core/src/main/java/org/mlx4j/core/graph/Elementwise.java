package org.mlx4j.core.graph;

import org.mlx4j.core.DType;
import org.mlx4j.core.primitives.*;

/**
 * The element-wise primitives as one closed family, so that fusion and fused kernels switch over exactly
 * these four with exhaustive switches: a unary op, a binary op, a select ({@code Where}) and a dtype
 * conversion ({@code AsType}). Unary and binary ops carry their whole description in {@link UnaryOp} and
 * {@link BinaryOp}; select and conversion are generic over dtypes.
 */
public sealed interface Elementwise {

    record OfUnary(UnaryOp op) implements Elementwise {}

    record OfBinary(BinaryOp op) implements Elementwise {}

    /** {@code cond ? x : y}. */
    record Select() implements Elementwise {}

    /** A conversion to {@code dtype}. */
    record Convert(DType dtype) implements Elementwise {}

    /** The element-wise view of {@code p}, or null when {@code p} is not element-wise. */
    static Elementwise of(Primitive p) {
        return switch (p) {
            case Unary u -> new OfUnary(u.op());
            case Binary b -> new OfBinary(b.op());
            case Where w -> new Select();
            case AsType a -> new Convert(a.dtype());
            case Reduce _, ArgReduce _, Softmax _, LogSumExp _, Matmul _, Reshape _, Transpose _, BroadcastTo _,
                 Slice _, SliceUpdate _, Concatenate _, Copy _, StopGradient _, Full _, Arange _, DivMod _, Scan _,
                 Sort _, ArgSort _, Partition _, Gather _, Scatter _, Take _, TakeAlongAxis _, PutAlongAxis _,
                 CustomVjp _, Placeholder _, RandomBits _, Compiled _, View _, SearchSorted _, QuantPack _,
                 QuantUnpack _, QuantMatmul _, QuantToFp8 _, Convolution _, Fft _, FastPrimitive _, LinalgFactor _ -> null;
        };
    }

    /** The element-wise view of {@code p}, which must be element-wise (a {@code Compiled} instruction). */
    static Elementwise require(Primitive p) {
        Elementwise e = of(p);
        if (e == null) throw new IllegalArgumentException(p.name() + " is not element-wise");
        return e;
    }
}
