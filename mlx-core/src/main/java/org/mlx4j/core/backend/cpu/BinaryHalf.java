package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.BinaryOp;

/**
 * float16 and bfloat16 binary ops, computed in float32 registers: blocks of the inputs are widened into
 * per-thread float32 blocks, combined by the {@link BinaryFloat32} loops, and rounded back to nearest even
 * (comparisons write their BOOL output directly). Both conversions run as integer vector ops.
 */
final class BinaryHalf implements BinaryContiguous {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    /** Shorts with as many lanes as a float32 vector. */
    private static final VectorSpecies<Short> HS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(FS.vectorBitSize() / 2));
    private static final int L = FS.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final ValueLayout.OfShort H = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final BinaryOp op;
    private final boolean bf16;
    private final BinaryFloat32 f32;

    BinaryHalf(BinaryOp op, DType type) {
        this.op = op;
        this.bf16 = type == DType.BFLOAT16;
        this.f32 = new BinaryFloat32(op);
    }

    @Override
    public void vv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        BinaryScratch scratch = BinaryScratch.get();
        MemorySegment x = scratch.work0, y = scratch.work1;
        for (long k = 0; k < n; k += BinaryScratch.BLOCK) {
            int len = (int) Math.min(BinaryScratch.BLOCK, n - k);
            widen(a, ai + k, x, len);
            widen(b, bi + k, y, len);
            if (op.producesBool()) {
                f32.vv(x, 0, y, 0, o, oi + k, len);
            } else {
                f32.vv(x, 0, y, 0, x, 0, len);
                narrow(x, o, oi + k, len);
            }
        }
    }

    @Override
    public void sv(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        BinaryScratch scratch = BinaryScratch.get();
        MemorySegment x = scratch.work0, y = scratch.work1;
        x.setAtIndex(F, 0, toFloat(a.getAtIndex(H, ai)));
        for (long k = 0; k < n; k += BinaryScratch.BLOCK) {
            int len = (int) Math.min(BinaryScratch.BLOCK, n - k);
            widen(b, bi + k, y, len);
            if (op.producesBool()) {
                f32.sv(x, 0, y, 0, o, oi + k, len);
            } else {
                f32.sv(x, 0, y, 0, y, 0, len);
                narrow(y, o, oi + k, len);
            }
        }
    }

    @Override
    public void vs(MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o, long oi, long n) {
        BinaryScratch scratch = BinaryScratch.get();
        MemorySegment x = scratch.work0, y = scratch.work1;
        y.setAtIndex(F, 0, toFloat(b.getAtIndex(H, bi)));
        for (long k = 0; k < n; k += BinaryScratch.BLOCK) {
            int len = (int) Math.min(BinaryScratch.BLOCK, n - k);
            widen(a, ai + k, x, len);
            if (op.producesBool()) {
                f32.vs(x, 0, y, 0, o, oi + k, len);
            } else {
                f32.vs(x, 0, y, 0, x, 0, len);
                narrow(x, o, oi + k, len);
            }
        }
    }

    private float toFloat(short h) { return bf16 ? HalfFloats.bf16ToFloat(h) : HalfFloats.f16ToFloat(h); }

    /** {@code dst[0, len) = float(src[si ..])}. */
    private void widen(MemorySegment src, long si, MemorySegment dst, int len) {
        int k = 0;
        if (bf16) {
            for (int up = FS.loopBound(len); k < up; k += L) {
                ShortVector h = ShortVector.fromMemorySegment(HS, src, (si + k) * Short.BYTES, NATIVE);
                IntVector w = (IntVector) h.convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0);
                w.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoMemorySegment(dst, (long) k * Float.BYTES, NATIVE);
            }
            for (; k < len; k++) dst.setAtIndex(F, k, HalfFloats.bf16ToFloat(src.getAtIndex(H, si + k)));
        } else {
            for (int up = FS.loopBound(len); k < up; k += L) {
                ShortVector h = ShortVector.fromMemorySegment(HS, src, (si + k) * Short.BYTES, NATIVE);
                f16ToF32((IntVector) h.convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0))
                        .intoMemorySegment(dst, (long) k * Float.BYTES, NATIVE);
            }
            for (; k < len; k++) dst.setAtIndex(F, k, Float.float16ToFloat(src.getAtIndex(H, si + k)));
        }
    }

    /**
     * float16 bits (zero-extended) to float32, exactly: moving exponent and mantissa up 13 bits and scaling by
     * 2^(127 - 15) handles normal and subnormal values alike; infinities and NaNs keep their bits.
     */
    static FloatVector f16ToF32(IntVector h) {
        IntVector magnitude = h.and(0x7fff).lanewise(VectorOperators.LSHL, 13);
        IntVector bits = magnitude.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts()
                .blend(magnitude.or(0x7f800000), magnitude.compare(VectorOperators.GE, 0x7c00 << 13));
        return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    /**
     * float32 to float16 bits, rounding to nearest even: the normal range by integer rounding of the
     * re-biased bits, the subnormal range by letting a float addition of 0.5 do the rounding, then
     * infinity for overflow and a quiet NaN keeping the top of the payload (as the hardware conversion does).
     */
    private static IntVector f32ToF16(FloatVector f) {
        IntVector bits = f.reinterpretAsInts();
        IntVector abs = bits.and(0x7fffffff);
        IntVector odd = abs.lanewise(VectorOperators.LSHR, 13).and(1);
        IntVector normal = abs.add(((15 - 127) << 23) + 0xfff).add(odd).lanewise(VectorOperators.LSHR, 13);
        IntVector subnormal = abs.reinterpretAsFloats().add(0.5f).reinterpretAsInts().sub(0x3f000000);
        IntVector r = normal.blend(subnormal, abs.compare(VectorOperators.LT, 113 << 23))
                .blend(0x7c00, abs.compare(VectorOperators.GE, 0x47800000))
                .blend(abs.lanewise(VectorOperators.LSHR, 13).or(0x7e00), abs.compare(VectorOperators.GT, 0x7f800000));
        return r.or(bits.lanewise(VectorOperators.LSHR, 16).and(0x8000));
    }

    /** {@code dst[di ..] = half(src[0, len))}, rounding to nearest even. */
    private void narrow(MemorySegment src, MemorySegment dst, long di, int len) {
        int k = 0;
        if (bf16) {
            for (int up = FS.loopBound(len); k < up; k += L) {
                IntVector bits = FloatVector.fromMemorySegment(FS, src, (long) k * Float.BYTES, NATIVE).reinterpretAsInts();
                IntVector high = bits.lanewise(VectorOperators.LSHR, 16);
                IntVector rounded = bits.add(0x7fff).add(high.and(1)).lanewise(VectorOperators.LSHR, 16);
                VectorMask<Integer> nan = bits.and(0x7fffffff).compare(VectorOperators.GT, 0x7f800000);
                IntVector r = rounded.blend(high.or(0x40), nan); // quiet NaN, sign kept
                ((ShortVector) r.convertShape(VectorOperators.I2S, HS, 0)).intoMemorySegment(dst, (di + k) * Short.BYTES, NATIVE);
            }
            for (; k < len; k++) dst.setAtIndex(H, di + k, HalfFloats.floatToBf16(src.getAtIndex(F, k)));
        } else {
            for (int up = FS.loopBound(len); k < up; k += L) {
                IntVector r = f32ToF16(FloatVector.fromMemorySegment(FS, src, (long) k * Float.BYTES, NATIVE));
                ((ShortVector) r.convertShape(VectorOperators.I2S, HS, 0)).intoMemorySegment(dst, (di + k) * Short.BYTES, NATIVE);
            }
            for (; k < len; k++) dst.setAtIndex(H, di + k, Float.floatToFloat16(src.getAtIndex(F, k)));
        }
    }
}
