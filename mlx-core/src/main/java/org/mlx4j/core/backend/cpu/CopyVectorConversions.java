package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for the common contiguous conversions: float32 to and from float16, bfloat16,
 * float64 and int32. Each gives bit-for-bit the result of the scalar conversion in
 * {@link CopyConvert} (NaN payloads aside), which also handles the loop tails.
 */
final class CopyVectorConversions {
    private CopyVectorConversions() {}

    private static final ByteOrder NO = ByteOrder.nativeOrder();
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    static void f16ToF32(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            IntVector h = (IntVector) ShortVector.fromMemorySegment(S, src, sb + 2 * i, NO).castShape(I, 0);
            IntVector em = h.and(0x7fff);
            IntVector shifted = em.lanewise(VectorOperators.LSHL, 13);
            // exponent rebias 15 -> 127 by a power-of-two product; handles subnormal halves exactly
            IntVector finite = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            IntVector bits = finite.blend(shifted.or(0x7f800000), em.compare(VectorOperators.GE, 0x7c00))
                    .or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16));
            bits.reinterpretAsFloats().intoMemorySegment(dst, db + 4 * i, NO);
        }
        for (; i < n; i++) dst.set(F32, db + 4 * i, HalfFloats.f16ToFloat(src.get(I16, sb + 2 * i)));
    }

    static void f32ToF16(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            IntVector x = FloatVector.fromMemorySegment(F, src, sb + 4 * i, NO).reinterpretAsInts();
            IntVector a = x.and(0x7fffffff);
            // normal halves: rebias the exponent, round the 13 dropped bits to nearest even
            IntVector odd = a.lanewise(VectorOperators.LSHR, 13).and(1);
            IntVector normal = a.add(0xfff - 0x38000000).add(odd).lanewise(VectorOperators.LSHR, 13);
            // subnormal halves: adding 0.5f aligns the 10 kept bits at the bottom, rounding to even
            IntVector sub = a.reinterpretAsFloats().add(0.5f).reinterpretAsInts().sub(0x3f000000);
            IntVector nan = a.lanewise(VectorOperators.LSHR, 13).and(0x1ff).or(0x7e00);
            IntVector special = IntVector.broadcast(I, 0x7c00).blend(nan, a.compare(VectorOperators.GT, 0x7f800000));
            IntVector res = normal.blend(sub, a.compare(VectorOperators.LT, 0x38800000))
                    .blend(special, a.compare(VectorOperators.GE, 0x47800000))
                    .or(x.lanewise(VectorOperators.LSHR, 16).and(0x8000));
            res.castShape(S, 0).reinterpretAsShorts().intoMemorySegment(dst, db + 2 * i, NO);
        }
        for (; i < n; i++) dst.set(I16, db + 2 * i, HalfFloats.floatToF16(src.get(F32, sb + 4 * i)));
    }

    static void bf16ToF32(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            IntVector h = (IntVector) ShortVector.fromMemorySegment(S, src, sb + 2 * i, NO).castShape(I, 0);
            h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoMemorySegment(dst, db + 4 * i, NO);
        }
        for (; i < n; i++) dst.set(F32, db + 4 * i, HalfFloats.bf16ToFloat(src.get(I16, sb + 2 * i)));
    }

    static void f32ToBf16(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            IntVector x = FloatVector.fromMemorySegment(F, src, sb + 4 * i, NO).reinterpretAsInts();
            IntVector high = x.lanewise(VectorOperators.LSHR, 16);
            IntVector rounded = x.add(high.and(1)).add(0x7fff).lanewise(VectorOperators.LSHR, 16);
            VectorMask<Integer> isNan = x.and(0x7fffffff).compare(VectorOperators.GT, 0x7f800000);
            rounded.blend(high.or(0x40), isNan).castShape(S, 0).reinterpretAsShorts()
                    .intoMemorySegment(dst, db + 2 * i, NO);
        }
        for (; i < n; i++) dst.set(I16, db + 2 * i, HalfFloats.floatToBf16(src.get(F32, sb + 4 * i)));
    }

    static void f32ToF64(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = FH.loopBound(n);
        for (; i < bound; i += FH.length()) {
            FloatVector.fromMemorySegment(FH, src, sb + 4 * i, NO).castShape(D, 0)
                    .intoMemorySegment(dst, db + 8 * i, NO);
        }
        for (; i < n; i++) dst.set(F64, db + 8 * i, src.get(F32, sb + 4 * i));
    }

    static void f64ToF32(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {
            DoubleVector.fromMemorySegment(D, src, sb + 8 * i, NO).castShape(FH, 0)
                    .intoMemorySegment(dst, db + 4 * i, NO);
        }
        for (; i < n; i++) dst.set(F32, db + 4 * i, (float) src.get(F64, sb + 8 * i));
    }

    /** Truncates toward zero with Java's cast rules: NaN to 0, out-of-range values saturate. */
    static void f32ToI32(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector.fromMemorySegment(F, src, sb + 4 * i, NO).convert(VectorOperators.F2I, 0)
                    .intoMemorySegment(dst, db + 4 * i, NO);
        }
        for (; i < n; i++) dst.set(I32, db + 4 * i, (int) src.get(F32, sb + 4 * i));
    }

    static void i32ToF32(MemorySegment src, long sb, MemorySegment dst, long db, long n) {
        long i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            IntVector.fromMemorySegment(I, src, sb + 4 * i, NO).convert(VectorOperators.I2F, 0)
                    .intoMemorySegment(dst, db + 4 * i, NO);
        }
        for (; i < n; i++) dst.set(F32, db + 4 * i, (float) src.get(I32, sb + 4 * i));
    }
}
