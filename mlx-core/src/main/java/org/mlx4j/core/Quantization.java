package org.mlx4j.core;

import static org.mlx4j.core.Mx.*;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.backend.cpu.QuantFloats;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.primitives.QuantCodes;
import org.mlx4j.core.primitives.QuantMatmul;
import org.mlx4j.core.primitives.QuantMode;
import org.mlx4j.core.primitives.QuantToFp8;

/**
 * Builds MLX's quantization ops. Quantizing and dequantizing are ordinary ops around the packing nodes
 * (the same arithmetic as MLX's, so the codes, scales and biases are MLX's bit for bit, and gradients,
 * jvps and vmap come from the ops); the product with a quantized matrix is one primitive that reads the
 * packed words directly; {@code gatherQmm} gathers the operands and multiplies.
 */
final class Quantization {
    private Quantization() {}

    static List<Array> quantize(Array w, int groupSize, int bits, String modeName) {
        QuantMode mode = QuantMode.of(modeName, "quantize");
        mode.check("quantize", groupSize, bits);
        if (!w.dtype().isFloating()) {
            throw new IllegalArgumentException("quantize: only real floating types can be quantized, but w has dtype "
                    + w.dtype().mlxName());
        }
        if (w.ndim() < 2) {
            throw new IllegalArgumentException("quantize: the matrix to quantize must have at least 2 dimensions, but w has shape "
                    + Shapes.str(w.shape()));
        }
        int[] shape = w.shape();
        int k = shape[shape.length - 1];
        if (k % groupSize != 0) {
            throw new IllegalArgumentException("quantize: the last axis of w (shape " + Shapes.str(shape)
                    + ") must be a multiple of the group size " + groupSize);
        }
        int[] scaleShape = shape.clone();
        scaleShape[shape.length - 1] = k / groupSize;
        Array g = reshape(w, -1, groupSize);
        if (mode == QuantMode.AFFINE) return affine(w, g, shape, scaleShape, bits);
        return floats(w, g, shape, scaleShape, bits, mode);
    }

    /** MLX's affine rule: the group's edge of larger magnitude is an exact code, scale from the range. */
    private static List<Array> affine(Array w, Array g, int[] shape, int[] scaleShape, int bits) {
        double bins = (1 << bits) - 1;
        Array wMax = max(g, new int[] {-1}, true).astype(DType.FLOAT32), wMin = min(g, new int[] {-1}, true).astype(DType.FLOAT32);
        Array mask = greater(abs(wMin), abs(wMax));
        Array scales = maximum(divide(subtract(wMax, wMin), bins), 1e-7);
        scales = where(mask, scales, negative(scales));
        Array edge = where(mask, wMin, wMax);
        Array q0 = round(divide(edge, scales));
        scales = where(notEqual(q0, 0.0), divide(edge, q0), scales);
        Array biases = where(equal(q0, 0.0), 0.0, edge);
        Array codes = clip(round(divide(subtract(g.astype(DType.FLOAT32), biases), scales)), 0.0, bins);
        return List.of(QuantCodes.pack(reshape(codes, shape), bits),
                reshape(scales.astype(w.dtype()), scaleShape), reshape(biases.astype(w.dtype()), scaleShape));
    }

    /** MLX's microscaling rule: the group's largest magnitude maps to the format's largest value. */
    private static List<Array> floats(Array w, Array g, int[] shape, int[] scaleShape, int bits, QuantMode mode) {
        Array scales = divide(max(abs(g), new int[] {-1}, true), bits == 4 ? 6.0 : 448.0);
        Array scaleCodes;
        if (mode == QuantMode.NVFP4) {
            scaleCodes = toFp8(scales);
            g = divide(g, fromFp8(scaleCodes, w.dtype()));
        } else {
            Array e = round(log2(scales)).astype(DType.INT32);
            e = where(equal(scales, 0.0), zerosLike(e), e);
            g = divide(g, power(2.0, e.astype(w.dtype())));
            scaleCodes = add(e, 127L).astype(DType.UINT8);
        }
        Array codes = bits == 4
                ? argmin(abs(subtract(expandDims(g, -1), fp4Values(w.dtype()))), -1)
                : toFp8(g);
        return List.of(QuantCodes.pack(reshape(codes, shape), bits), reshape(scaleCodes, scaleShape));
    }

    private static Array fp4Values(DType dtype) { return array(QuantFloats.FP4, QuantFloats.FP4.length).astype(dtype); }

    static Array dequantize(Array wq, Array scales, Array biases, int groupSize, int bits, String modeName, DType dtype) {
        String op = "dequantize";
        QuantMode mode = QuantMode.of(modeName, op);
        mode.check(op, groupSize, bits);
        checkBiases(op, mode, scales, biases);
        if (dtype != null && !dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": the output dtype must be a real floating type, got " + dtype.mlxName());
        }
        DType out = dtype != null ? dtype : mode.hasBiases() ? DType.promote(scales.dtype(), biases.dtype()) : DType.BFLOAT16;
        if (wq.ndim() < 2) {
            throw new IllegalArgumentException(op + ": the matrix to dequantize must have at least 2 dimensions, but wq has shape "
                    + Shapes.str(wq.shape()));
        }
        int k = checkQuantized(op, wq, scales, biases, groupSize, bits);
        int[] shape = wq.shape();
        shape[shape.length - 1] = k;
        int[] grouped = Arrays.copyOf(shape, shape.length + 1);
        grouped[shape.length - 1] = k / groupSize;
        grouped[shape.length] = groupSize;
        Array codes = reshape(QuantCodes.unpack(wq, bits), grouped);
        if (mode == QuantMode.AFFINE) {
            DType t = DType.promote(scales.dtype(), biases.dtype());
            Array v = add(multiply(codes.astype(t), expandDims(scales, -1)), expandDims(biases, -1));
            return reshape(v, shape).astype(out);
        }
        Array values = bits == 4 ? take(fp4Values(out), codes.astype(DType.INT32)) : fromFp8(codes, out);
        Array s = mode == QuantMode.NVFP4 ? fromFp8(scales, out) : power(2.0, subtract(scales.astype(out), 127.0));
        return reshape(multiply(values, expandDims(s, -1)), shape);
    }

    /** Biases present exactly for affine, scales (and biases) of the mode's dtypes. */
    private static void checkBiases(String op, QuantMode mode, Array scales, Array biases) {
        if (mode.hasBiases()) {
            if (biases == null) throw new IllegalArgumentException(op + ": biases must be given for affine quantization");
            if (!scales.dtype().isFloating() || !biases.dtype().isFloating()) {
                throw new IllegalArgumentException(op + ": affine scales and biases must be real floating arrays, got "
                        + scales.dtype().mlxName() + " and " + biases.dtype().mlxName());
            }
        } else {
            if (biases != null) {
                throw new IllegalArgumentException(op + ": biases must be null for quantization mode '" + mode.mlxName() + "'");
            }
            if (scales.dtype() != DType.UINT8) {
                throw new IllegalArgumentException(op + ": " + mode.mlxName() + " scales must be uint8, got "
                        + scales.dtype().mlxName());
            }
        }
    }

    /**
     * Checks the packed matrix against its scales (and biases): UINT32, the same leading axes, one scale per
     * group of the unpacked last axis; returns that axis's length.
     */
    private static int checkQuantized(String op, Array wq, Array scales, Array biases, int groupSize, int bits) {
        if (wq.dtype() != DType.UINT32) {
            throw new IllegalArgumentException(op + ": the quantized matrix must be uint32, got " + wq.dtype().mlxName());
        }
        int[] ws = wq.shape(), ss = scales.shape();
        long k = (long) ws[ws.length - 1] * 32 / bits;
        boolean ok = ss.length == ws.length && Arrays.equals(ws, 0, ws.length - 1, ss, 0, ss.length - 1)
                && (long) ss[ss.length - 1] * groupSize == k
                && (biases == null || Arrays.equals(biases.shape(), ss));
        if (!ok) {
            throw new IllegalArgumentException(op + ": the quantized matrix of shape " + Shapes.str(ws) + " and scales"
                    + (biases == null ? "" : "/biases") + " of shape " + Shapes.str(ss)
                    + (biases == null ? "" : "/" + Shapes.str(biases.shape())) + " do not match for group size " + groupSize
                    + " and " + bits + " bits: the scales need the matrix's leading axes and " + k + " / " + groupSize
                    + " groups on the last");
        }
        return Math.toIntExact(k);
    }

    static Array quantizedMatmul(Array x, Array wq, Array scales, Array biases, boolean transpose, int groupSize, int bits,
            String modeName) {
        String op = "quantizedMatmul";
        QuantMode mode = QuantMode.of(modeName, op);
        mode.check(op, groupSize, bits);
        checkBiases(op, mode, scales, biases);
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": x must be a real floating array, got " + x.dtype().mlxName());
        }
        DType dtype = mode.hasBiases() ? DType.promote(x.dtype(), DType.promote(scales.dtype(), biases.dtype())) : x.dtype();
        if (dtype == DType.FLOAT64) {
            throw new IllegalArgumentException(op + ": float64 is not supported (the product computes in float32,"
                    + " float16 or bfloat16, as MLX's CPU kernels)");
        }
        if (wq.ndim() < 2 || x.ndim() < 1) {
            throw new IllegalArgumentException(op + ": wq needs at least 2 dimensions and x at least 1, got shapes "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(wq.shape()));
        }
        int kq = checkQuantized(op, wq, scales, biases, groupSize, bits);
        int rows = wq.shape(-2), inner = transpose ? kq : rows, outer = transpose ? rows : kq;
        if (x.shape(-1) != inner) {
            throw new IllegalArgumentException(op + ": x of shape " + Shapes.str(x.shape()) + " does not match the "
                    + (transpose ? "transposed " : "") + "quantized matrix of " + (transpose ? outer + "x" + inner : inner + "x" + outer)
                    + " (wq shape " + Shapes.str(wq.shape()) + "): the last axis of x must be " + inner);
        }
        Array xf = x.astype(DType.FLOAT32);
        Array[] w = {wq, mode.hasBiases() ? scales.astype(DType.FLOAT32) : scales, mode.hasBiases() ? biases.astype(DType.FLOAT32) : null};
        int[] outShape;
        boolean vector = false;
        if (wq.ndim() == 2) {
            outShape = x.shape();
            outShape[outShape.length - 1] = outer;
        } else {
            vector = xf.ndim() == 1;
            if (vector) xf = reshape(xf, 1, inner);
            int[] xs = xf.shape(), ws = wq.shape();
            int[] xBatch = Arrays.copyOf(xs, xs.length - 2), wBatch = Arrays.copyOf(ws, ws.length - 2);
            int[] batch = Shapes.broadcast(op, xBatch, wBatch);
            if (!Arrays.equals(batch, xBatch)) xf = broadcastTo(xf, withLast(batch, xs));
            if (!Arrays.equals(batch, wBatch)) {
                for (int i = 0; i < w.length; i++) if (w[i] != null) w[i] = broadcastTo(w[i], withLast(batch, w[i].shape()));
            }
            outShape = withLast(batch, new int[] {xs[xs.length - 2], outer});
        }
        QuantMatmul p = new QuantMatmul(groupSize, bits, mode, transpose);
        Array out = w[2] == null ? Handles.make(p, outShape, DType.FLOAT32, xf, w[0], w[1])
                : Handles.make(p, outShape, DType.FLOAT32, xf, w[0], w[1], w[2]);
        if (vector) out = reshape(out, withoutRow(outShape));
        return out.dtype() == dtype ? out : out.astype(dtype);
    }

    /** {@code batch} followed by the last two axes of {@code shape}. */
    private static int[] withLast(int[] batch, int[] shape) {
        int[] r = Arrays.copyOf(batch, batch.length + 2);
        r[batch.length] = shape[shape.length - 2];
        r[batch.length + 1] = shape[shape.length - 1];
        return r;
    }

    /** {@code [..., 1, N]} without the unit row axis. */
    private static int[] withoutRow(int[] shape) {
        int[] r = Arrays.copyOf(shape, shape.length - 1);
        r[r.length - 1] = shape[shape.length - 1];
        return r;
    }

    static Array gatherQmm(Array x, Array wq, Array scales, Array biases, Array lhsIndices, Array rhsIndices,
            boolean transpose, int groupSize, int bits, String modeName) {
        String op = "gatherQmm";
        if (lhsIndices == null && rhsIndices == null) {
            return quantizedMatmul(x, wq, scales, biases, transpose, groupSize, bits, modeName);
        }
        if (x.ndim() < 2 || wq.ndim() < 2) {
            throw new IllegalArgumentException(op + ": x and wq need at least 2 dimensions, got shapes "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(wq.shape()));
        }
        int[] xs = x.shape(), ws = wq.shape();
        Array lhs = lhsIndices != null ? lhsIndices : batchIndices(Arrays.copyOf(xs, xs.length - 2));
        Array rhs = rhsIndices != null ? rhsIndices : batchIndices(Arrays.copyOf(ws, ws.length - 2));
        for (Array idx : new Array[] {lhs, rhs}) {
            if (!idx.dtype().isInteger()) {
                throw new IllegalArgumentException(op + ": indices must be integers, got " + idx.dtype().mlxName());
            }
        }
        int[] ishape = Shapes.broadcast(op, lhs.shape(), rhs.shape());
        Array lf = broadcastTo(lhs, ishape).flatten(), rf = broadcastTo(rhs, ishape).flatten();
        Array xg = take(reshape(x, -1, xs[xs.length - 2], xs[xs.length - 1]), lf, 0);
        Array wg = take(stacked(wq), rf, 0), sg = take(stacked(scales), rf, 0);
        Array bg = biases == null ? null : take(stacked(biases), rf, 0);
        Array out = quantizedMatmul(xg, wg, sg, bg, transpose, groupSize, bits, modeName);
        int[] os = out.shape();
        return reshape(out, withLast(ishape, os));
    }

    /** The matrices of {@code a} stacked along one leading axis. */
    private static Array stacked(Array a) {
        int[] s = a.shape();
        return reshape(a, -1, s[s.length - 2], s[s.length - 1]);
    }

    /** Each index of a batch of shape {@code batch}, in place (row-major). */
    private static Array batchIndices(int[] batch) {
        return reshape(arange(Math.toIntExact(Shapes.size(batch))), batch);
    }

    static Array toFp8(Array x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("toFp8: only real floating types convert to fp8, got " + x.dtype().mlxName());
        }
        return Handles.make(new QuantToFp8(), x.shape(), DType.UINT8, x);
    }

    static Array fromFp8(Array x, DType dtype) {
        if (x.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("fromFp8: the input must be uint8 fp8 codes, got " + x.dtype().mlxName());
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("fromFp8: the output dtype must be a real floating type, got " + dtype.mlxName());
        }
        float[] lut = new float[256];
        for (int b = 0; b < 256; b++) lut[b] = QuantFloats.fromFp8(b);
        return take(array(lut, 256).astype(dtype), x.astype(DType.INT32));
    }
}
