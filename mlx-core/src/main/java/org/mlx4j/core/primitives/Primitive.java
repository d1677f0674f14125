package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * What produces a node: data describing the operation plus its math. Each primitive knows how to
 * differentiate itself; backends evaluate it with an exhaustive switch over this sealed hierarchy.
 * Element-wise ops are a few primitives parameterised by an op enum, so kernels, fusion and code
 * generation treat them uniformly.
 */
public sealed interface Primitive
        permits Unary, Binary, Where, AsType, Reduce, ArgReduce, Softmax, LogSumExp, Matmul,
                Reshape, Transpose, BroadcastTo, Slice, SliceUpdate, Concatenate, Copy, StopGradient, Full, Arange,
                DivMod, Scan, Sort, ArgSort, Partition, Gather, Scatter, Take, TakeAlongAxis, PutAlongAxis,
                CustomVjp, Placeholder, RandomBits, Compiled, View, SearchSorted, QuantPack, QuantUnpack, QuantMatmul,
                QuantToFp8, Convolution, Fft, FastPrimitive, LinalgFactor {

    /** The label used in graph exports and error messages, e.g. {@code Exp}, {@code Add}, {@code Matmul}. */
    default String name() { return getClass().getSimpleName(); }

    /**
     * Reverse-mode rule: the cotangents of the inputs listed in {@code argnums}, given the primal inputs,
     * the cotangents of every output and the outputs themselves. Built from ordinary ops, so the result
     * is differentiable again. A null entry means "no gradient flows to this input".
     */
    List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs);

    /**
     * Forward-mode rule: the tangents of every output given the primal inputs, their tangents and the
     * outputs themselves. A null tangent stands for zero (an input that no tangent reaches, or one that
     * is not differentiable); a null result means the output's tangent is zero. Built from ordinary
     * ops, so the result can be differentiated and vmapped again.
     */
    List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs);

    /** For primitives whose inputs have no gradient (integer outputs, constants). */
    static List<Array> zeroGradients(List<Array> primals, int[] argnums) {
        Array[] out = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) out[i] = org.mlx4j.core.Mx.zerosLike(primals.get(argnums[i]));
        return List.of(out);
    }
}
