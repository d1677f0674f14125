package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlx4j.core.DType;

class CopyKernelsTest {
    private static final Arena ARENA = Arena.ofAuto();
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    static MemorySegment alloc(long elems, DType t) { return ARENA.allocate(Math.max(8, elems * t.size()), 64); }

    static StridedView view(MemorySegment s, DType t, int... shape) { return StridedView.contiguous(s, t, shape); }

    static MemorySegment convert(StridedView in, DType to) {
        MemorySegment out = alloc(in.size(), to);
        CopyKernels.copy(in, view(out, to, in.shape()));
        return out;
    }

    // ---------- an exact reference for astype, with BigDecimal ----------

    /** A source element: NaN/inf flags or an exact value, plus the imaginary part for complex. */
    record Value(BigDecimal exact, double special, boolean imagNonZero, float imag) {
        boolean isSpecial() { return exact == null; }
    }

    static Value read(MemorySegment s, DType t, long i) {
        if (t.isInteger() || t == DType.BOOL) {
            long bits = ElementAccess.getLong(s, t, i);
            BigInteger v = BigInteger.valueOf(bits);
            if (t == DType.UINT64 && bits < 0) v = v.add(TWO64);
            return new Value(new BigDecimal(v), 0, false, 0f);
        }
        double d = ElementAccess.getDouble(s, t, i);
        float im = ElementAccess.getImag(s, t, i);
        return Double.isFinite(d) ? new Value(new BigDecimal(d), 0, im != 0, im) : new Value(null, d, im != 0, im);
    }

    /** Rounds to nearest even with {@code p} significant bits and minimum normal exponent {@code emin}. */
    static double roundTo(BigDecimal v, int p, int emin, double max) {
        if (v.signum() == 0) return 0.0;
        BigDecimal a = v.abs();
        int e = a.toBigInteger().bitLength() - 1; // floor(log2) for a >= 1
        if (a.compareTo(BigDecimal.ONE) < 0) {
            e = -1;
            while (a.compareTo(pow2(e)) < 0) e--;
        }
        e = Math.max(e, emin);
        BigDecimal q = pow2(e - (p - 1));
        BigDecimal n = a.divide(q).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal r = n.multiply(q);
        double d = r.doubleValue(); // exact: r has at most p <= 53 bits
        if (d > max) d = Double.POSITIVE_INFINITY;
        return v.signum() < 0 ? -d : d;
    }

    static BigDecimal pow2(int k) {
        return k >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(k)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
    }

    static double toFloatType(Value v, DType to) {
        if (v.isSpecial()) return v.special();
        return switch (to) {
            case FLOAT16 -> roundTo(v.exact(), 11, -14, 65504);
            case BFLOAT16 -> roundTo(v.exact(), 8, -126, Float.MAX_VALUE);
            case FLOAT32, COMPLEX64 -> roundTo(v.exact(), 24, -126, Float.MAX_VALUE);
            default -> roundTo(v.exact(), 53, -1022, Double.MAX_VALUE);
        };
    }

    /** The expected integer bits (wrapped to the width) of converting v to integer type {@code to}. */
    static long toIntType(Value v, DType from, DType to) {
        int bits = to.size() * 8;
        BigInteger x;
        if (from.isInteger() || from == DType.BOOL) {
            x = v.exact().toBigIntegerExact();
        } else {
            // float sources: truncate toward zero, NaN -> 0; signed <= 32 bits saturate at int32, others at int64
            BigInteger lo = to.isSignedInteger() && bits <= 32 ? BigInteger.valueOf(Integer.MIN_VALUE) : BigInteger.valueOf(Long.MIN_VALUE);
            BigInteger hi = to.isSignedInteger() && bits <= 32 ? BigInteger.valueOf(Integer.MAX_VALUE) : BigInteger.valueOf(Long.MAX_VALUE);
            if (to == DType.UINT64) hi = TWO64.subtract(BigInteger.ONE);
            if (v.isSpecial()) x = Double.isNaN(v.special()) ? BigInteger.ZERO : v.special() > 0 ? hi : lo;
            else x = v.exact().setScale(0, RoundingMode.DOWN).toBigInteger().max(lo).min(hi);
        }
        return x.mod(BigInteger.ONE.shiftLeft(bits)).longValue(); // low bits, as unsigned pattern
    }

    static long lowBits(long v, DType t) {
        int bits = t.size() * 8;
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    static void checkElement(DType from, DType to, Value v, MemorySegment out, long i, String msg) {
        if (to == DType.BOOL) {
            boolean want = v.isSpecial() || v.exact().signum() != 0 || v.imagNonZero();
            assertThat(ElementAccess.getLong(out, to, i)).as(msg).isEqualTo(want ? 1 : 0);
        } else if (to.isInteger()) {
            long got = lowBits(ElementAccess.getLong(out, to, i), to);
            assertThat(got).as(msg).isEqualTo(toIntType(v, from, to));
        } else {
            double want = toFloatType(v, to);
            double got = ElementAccess.getDouble(out, to, i);
            if (Double.isNaN(want)) assertThat(got).as(msg).isNaN();
            else assertThat(got).as(msg).isEqualTo(want);
            if (to == DType.COMPLEX64) assertThat(ElementAccess.getImag(out, to, i)).as(msg + " imag").isEqualTo(v.imag());
        }
    }

    // ---------- the 14 x 14 matrix ----------

    static final double[] FLOAT_EDGES = {0, -0.0, 0.5, 1.5, 2.5, -2.5, 3.9, -3.9, -1, 1, 127.7, 128, 255.5, 256, -129,
            65504, 65519.99, 65520, 1e5, -1e10, 3e9, 0x1p31, -0x1p31, 0x1p63, 0x1p64, 1e20, -1e20, 1e-8, 6e-8, 1e-40,
            1 + 0x1p-8, 1 + 3 * 0x1p-8, 1 + 0x1p-11, 1 + 0x1p-11 + 0x1p-40, 1 + 0x1p-24, 1 + 0x1p-24 + 0x1p-50,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, 1e-310};
    static final long[] INT_EDGES = {0, 1, -1, 3, 127, 128, -128, 255, 256, 32767, -32768, 65535, 65536,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffffffffL, (1L << 24) + 1, (1L << 53) + 1, Long.MAX_VALUE,
            Long.MIN_VALUE, 0x8000_0000_0000_0401L, 0x0020_0000_0000_0003L, 2049, -2049, 65519, 65520};

    static void fillSource(MemorySegment s, DType t, int n, Random r) {
        for (int i = 0; i < n; i++) {
            if (t == DType.COMPLEX64) {
                double re = i < FLOAT_EDGES.length ? FLOAT_EDGES[i] : r.nextGaussian() * 1e3;
                ElementAccess.setComplex(s, i, (float) re, i % 3 == 0 ? 0f : (float) r.nextGaussian());
            } else if (t == DType.BOOL) {
                s.set(ValueLayout.JAVA_BYTE, i, (byte) (i % 5 == 0 ? 0 : i % 7 == 0 ? 2 : 1)); // any non-zero byte is true
            } else if (t.isInteger()) {
                ElementAccess.setLong(s, t, i, i < INT_EDGES.length ? INT_EDGES[i] : r.nextLong() >> r.nextInt(64));
            } else if (t == DType.FLOAT64) {
                ElementAccess.setDouble(s, t, i, i < FLOAT_EDGES.length ? FLOAT_EDGES[i] : r.nextGaussian() * Math.exp(r.nextInt(60) - 30));
            } else {
                double v = i < FLOAT_EDGES.length ? FLOAT_EDGES[i] : r.nextGaussian() * Math.exp(r.nextInt(30) - 15);
                ElementAccess.setDouble(s, t, i, v);
            }
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> list = new ArrayList<>();
        for (DType a : DType.values()) for (DType b : DType.values()) list.add(Arguments.of(a, b));
        return list.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void everyConversionMatchesExactReference(DType from, DType to) {
        int n = 203; // past the edge values, odd length for vector tails
        MemorySegment src = alloc(n, from);
        fillSource(src, from, n, new Random(from.ordinal() * 31L + to.ordinal()));
        MemorySegment contiguous = convert(view(src, from, n), to);
        // the same elements read backwards through a negative stride take the strided path
        MemorySegment reversed = convert(new StridedView(src, n - 1, new int[] {n}, new long[] {-1}, from), to);
        for (int i = 0; i < n; i++) {
            Value v = read(src, from, i);
            String msg = from.mlxName() + " -> " + to.mlxName() + " [" + i + "] " + (v.isSpecial() ? v.special() : v.exact());
            checkElement(from, to, v, contiguous, i, msg);
            checkElement(from, to, v, reversed, n - 1 - i, msg + " (reversed)");
        }
    }

    // ---------- hand-checked values ----------

    static double f32To(DType to, float x) {
        MemorySegment s = alloc(1, DType.FLOAT32);
        s.set(F32, 0, x);
        return ElementAccess.getDouble(convert(view(s, DType.FLOAT32, 1), to), to, 0);
    }

    static long toBits(DType from, double x, DType to) {
        MemorySegment s = alloc(1, from);
        ElementAccess.setDouble(s, from, 0, x);
        return ElementAccess.getLong(convert(view(s, from, 1), to), to, 0);
    }

    static short halfBits(double x, DType to) {
        MemorySegment s = alloc(1, DType.FLOAT64);
        ElementAccess.setDouble(s, DType.FLOAT64, 0, x);
        return convert(view(s, DType.FLOAT64, 1), to).get(I16, 0);
    }

    static long intTo(DType from, long x, DType to) {
        MemorySegment s = alloc(1, from);
        ElementAccess.setLong(s, from, 0, x);
        return ElementAccess.getLong(convert(view(s, from, 1), to), to, 0);
    }

    static double intToFloat(DType from, long x, DType to) {
        MemorySegment s = alloc(1, from);
        ElementAccess.setLong(s, from, 0, x);
        return ElementAccess.getDouble(convert(view(s, from, 1), to), to, 0);
    }

    @Test
    void handCheckedEdgeValues() {
        assertThat(f32To(DType.FLOAT16, 2.5f)).isEqualTo(2.5);
        assertThat(f32To(DType.FLOAT16, 65520f)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(f32To(DType.FLOAT16, 65519f)).isEqualTo(65504);
        assertThat(f32To(DType.FLOAT16, -65520f)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(f32To(DType.FLOAT16, 0x1p-25f)).isEqualTo(0.0);          // tie between 0 and the smallest subnormal
        assertThat(f32To(DType.FLOAT16, 0x1.8p-24f)).isEqualTo(0x1p-23);    // tie rounds to even subnormal
        assertThat(f32To(DType.FLOAT16, 1 + 0x1p-11f)).isEqualTo(1.0);       // tie to even
        assertThat(f32To(DType.FLOAT16, 1 + 3 * 0x1p-11f)).isEqualTo(1 + 0x1p-9);
        assertThat(f32To(DType.BFLOAT16, 1 + 0x1p-8f)).isEqualTo(1.0);       // bf16 tie, even stays
        assertThat(f32To(DType.BFLOAT16, 1 + 3 * 0x1p-8f)).isEqualTo(1 + 0x1p-6); // bf16 tie, odd rounds up
        assertThat(f32To(DType.BFLOAT16, 1 + 0x1p-8f + 0x1p-20f)).isEqualTo(1 + 0x1p-7);
        assertThat(f32To(DType.BFLOAT16, Float.MAX_VALUE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(f32To(DType.BFLOAT16, Float.NaN)).isNaN();
        assertThat(f32To(DType.INT32, 3.9f)).isEqualTo(3);
        assertThat(f32To(DType.INT32, -3.9f)).isEqualTo(-3);
        assertThat(f32To(DType.INT32, Float.NaN)).isEqualTo(0);
        assertThat(f32To(DType.INT32, 3e9f)).isEqualTo(Integer.MAX_VALUE);
        assertThat(f32To(DType.INT8, 300f)).isEqualTo(44);
        assertThat(f32To(DType.UINT8, -1f)).isEqualTo(255);
        assertThat(f32To(DType.UINT8, 255.9f)).isEqualTo(255);
        assertThat(f32To(DType.BOOL, 0.5f)).isEqualTo(1);
        assertThat(f32To(DType.BOOL, -0.0f)).isEqualTo(0);
        assertThat(f32To(DType.BOOL, Float.NaN)).isEqualTo(1);
        assertThat(toBits(DType.FLOAT64, 0x1p63, DType.UINT64)).isEqualTo(Long.MIN_VALUE);
        assertThat(toBits(DType.FLOAT64, -1, DType.UINT64)).isEqualTo(-1L);
        assertThat(toBits(DType.FLOAT64, 1e300, DType.INT64)).isEqualTo(Long.MAX_VALUE);
        // float64 -> float16 rounds once: 1 + 2^-11 + 2^-40 is above the tie, although float32 would lose that
        assertThat(halfBits(1 + 0x1p-11 + 0x1p-40, DType.FLOAT16)).isEqualTo((short) 0x3c01);
        assertThat(halfBits(1 + 0x1p-8 + 0x1p-40, DType.BFLOAT16)).isEqualTo((short) 0x3f81);
        assertThat(intTo(DType.INT32, -1, DType.UINT8)).isEqualTo(255);
        assertThat(intTo(DType.INT64, -1, DType.UINT64)).isEqualTo(-1L);
        assertThat(intTo(DType.UINT64, -1, DType.INT64)).isEqualTo(-1L);
        assertThat(intTo(DType.INT8, -1, DType.UINT16)).isEqualTo(65535);
        assertThat(intTo(DType.UINT8, 200, DType.INT8)).isEqualTo(-56);
        assertThat(intTo(DType.INT32, 70000, DType.INT16)).isEqualTo(4464);
        assertThat(intTo(DType.BOOL, 1, DType.INT32)).isEqualTo(1);
        assertThat(intToFloat(DType.INT64, Long.MAX_VALUE, DType.FLOAT32)).isEqualTo(0x1p63);
        assertThat(intToFloat(DType.UINT64, -1, DType.FLOAT32)).isEqualTo(0x1p64);
        assertThat(intToFloat(DType.UINT64, -1, DType.FLOAT64)).isEqualTo(0x1p64);
        assertThat(intToFloat(DType.INT64, (1L << 24) + 1, DType.FLOAT32)).isEqualTo(0x1p24);
        assertThat(intToFloat(DType.INT64, (1L << 24) + 3, DType.FLOAT32)).isEqualTo(0x1p24 + 4);
        assertThat(intToFloat(DType.INT64, (1L << 53) + 1, DType.FLOAT64)).isEqualTo(0x1p53);
        assertThat(intToFloat(DType.UINT64, 0x8000_0000_0000_0401L, DType.FLOAT64)).isEqualTo(0x1p63 + 2048);
        assertThat(intToFloat(DType.INT32, 2049, DType.FLOAT16)).isEqualTo(2048);
        assertThat(intToFloat(DType.INT32, 2051, DType.FLOAT16)).isEqualTo(2052);
        assertThat(intToFloat(DType.INT64, (1L << 32) + (1L << 24) + 1, DType.BFLOAT16)).isEqualTo(0x1p32 + 0x1p25); // just above a tie that float32 would lose
        assertThat(intToFloat(DType.INT32, 65520, DType.FLOAT16)).isEqualTo(Double.POSITIVE_INFINITY);
        MemorySegment c = alloc(2, DType.COMPLEX64);
        ElementAccess.setComplex(c, 0, 1.5f, -2f);
        ElementAccess.setComplex(c, 1, 0f, 3f);
        MemorySegment re = convert(view(c, DType.COMPLEX64, 2), DType.FLOAT32);
        assertThat(re.get(F32, 0)).isEqualTo(1.5f);
        MemorySegment b = convert(view(c, DType.COMPLEX64, 2), DType.BOOL);
        assertThat(b.get(ValueLayout.JAVA_BYTE, 1)).isEqualTo((byte) 1);
        MemorySegment z = convert(view(re, DType.FLOAT32, 2), DType.COMPLEX64);
        assertThat(ElementAccess.getImag(z, DType.COMPLEX64, 0)).isEqualTo(0f);
    }

    // ---------- vector paths agree with the scalar conversions bit for bit ----------

    @Test
    void halfConversionsAreExhaustivelyExact() {
        int n = 65536;
        MemorySegment h = alloc(n, DType.FLOAT16);
        for (int i = 0; i < n; i++) h.set(I16, 2L * i, (short) i);
        MemorySegment f16 = convert(view(h, DType.FLOAT16, n), DType.FLOAT32);
        MemorySegment bf16 = convert(view(h, DType.BFLOAT16, n), DType.FLOAT32);
        MemorySegment back16 = convert(view(f16, DType.FLOAT32, n), DType.FLOAT16);
        MemorySegment backBf = convert(view(bf16, DType.FLOAT32, n), DType.BFLOAT16);
        for (int i = 0; i < n; i++) {
            float a = Float.float16ToFloat((short) i), b = Float.intBitsToFloat(i << 16);
            if (Float.isNaN(a)) assertThat(f16.get(F32, 4L * i)).isNaN();
            else {
                assertThat(Float.floatToRawIntBits(f16.get(F32, 4L * i))).as("f16 %04x", i).isEqualTo(Float.floatToRawIntBits(a));
                assertThat(back16.get(I16, 2L * i)).as("f16 round trip %04x", i).isEqualTo((short) i);
            }
            if (Float.isNaN(b)) assertThat(bf16.get(F32, 4L * i)).isNaN();
            else {
                assertThat(Float.floatToRawIntBits(bf16.get(F32, 4L * i))).isEqualTo(Float.floatToRawIntBits(b));
                assertThat(backBf.get(I16, 2L * i)).as("bf16 round trip %04x", i).isEqualTo((short) i);
            }
        }
    }

    @Test
    void float32VectorConversionsMatchScalarOnRandomBits() {
        int n = 20011;
        Random r = new Random(5);
        MemorySegment f = alloc(n, DType.FLOAT32);
        for (int i = 0; i < n; i++) {
            int bits = r.nextInt();
            if (i % 4 == 0) bits = (bits & 0x8fffffff) | 0x30000000; // near the float16 range
            if (i % 4 == 1) bits &= 0x87ffffff | 0x40000000;
            f.set(I32, 4L * i, bits);
        }
        MemorySegment h = convert(view(f, DType.FLOAT32, n), DType.FLOAT16);
        MemorySegment bf = convert(view(f, DType.FLOAT32, n), DType.BFLOAT16);
        MemorySegment d = convert(view(f, DType.FLOAT32, n), DType.FLOAT64);
        MemorySegment i32 = convert(view(f, DType.FLOAT32, n), DType.INT32);
        MemorySegment back = convert(view(d, DType.FLOAT64, n), DType.FLOAT32);
        MemorySegment fromInt = convert(view(f, DType.INT32, n), DType.FLOAT32); // the same bits read as int32
        for (int i = 0; i < n; i++) {
            float x = f.get(F32, 4L * i);
            String m = "x=" + x;
            if (Float.isNaN(x)) {
                assertThat(Float.isNaN(Float.float16ToFloat(h.get(I16, 2L * i)))).as(m).isTrue();
                assertThat(Float.isNaN(HalfFloats.bf16ToFloat(bf.get(I16, 2L * i)))).as(m).isTrue();
            } else {
                assertThat(h.get(I16, 2L * i)).as(m).isEqualTo(Float.floatToFloat16(x));
                assertThat(bf.get(I16, 2L * i)).as(m).isEqualTo(HalfFloats.floatToBf16(x));
                assertThat(Float.floatToRawIntBits(back.get(F32, 4L * i))).as(m).isEqualTo(Float.floatToRawIntBits(x));
            }
            if (!Float.isNaN(x)) assertThat(d.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * i)).as(m).isEqualTo((double) x);
            else assertThat(d.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * i)).as(m).isNaN();
            assertThat(i32.get(I32, 4L * i)).as(m).isEqualTo((int) x);
            assertThat(fromInt.get(F32, 4L * i)).isEqualTo((float) f.get(I32, 4L * i));
        }
    }

    // ---------- layouts ----------

    static MemorySegment gather(StridedView v) {
        int es = v.dtype().size();
        MemorySegment out = alloc(v.size(), v.dtype());
        int[] idx = new int[v.ndim()];
        for (long i = 0; i < v.size(); i++) {
            long off = v.offset();
            for (int d = 0; d < idx.length; d++) off += idx[d] * v.strides()[d];
            MemorySegment.copy(v.segment(), off * es, out, i * es, es);
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < v.shape()[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    @Test
    void stridedTransposedBroadcastAndReversedCopies() {
        int total = 600 * 800 + 64;
        for (DType t : List.of(DType.FLOAT32, DType.INT8, DType.FLOAT16, DType.FLOAT64, DType.COMPLEX64)) {
            MemorySegment base = alloc(total, t);
            Random r = new Random(t.ordinal());
            for (long i = 0; i < total * t.size(); i += 8) base.set(I64, i, r.nextLong());
            if (t == DType.FLOAT16 || t == DType.FLOAT32 || t == DType.FLOAT64 || t == DType.COMPLEX64) {
                for (long i = 0; i < total; i++) ElementAccess.setDouble(base, t, i, r.nextGaussian());
            }
            List<StridedView> views = List.of(
                    new StridedView(base, 0, new int[] {67, 45}, new long[] {1, 67}, t),              // small transpose
                    new StridedView(base, 3, new int[] {600, 800}, new long[] {1, 600}, t),           // big transpose
                    new StridedView(base, 2, new int[] {3, 40, 33}, new long[] {1320, 1, 40}, t),     // batched transpose
                    new StridedView(base, 1, new int[] {7, 11, 13}, new long[] {1, 7, 77}, t),        // fully reversed axes
                    new StridedView(base, 9, new int[] {50, 60}, new long[] {0, 1}, t),               // broadcast rows
                    new StridedView(base, 4, new int[] {5, 1, 9}, new long[] {0, 0, 0}, t),          // scalar broadcast
                    new StridedView(base, 5999, new int[] {60, 100}, new long[] {-100, -1}, t),       // reversed
                    new StridedView(base, 10, new int[] {100, 30}, new long[] {61, 2}, t),            // gaps
                    new StridedView(base, 8, new int[] {1000, 130}, new long[] {140, 1}, t));         // rows with padding
            for (StridedView v : views) {
                MemorySegment want = gather(v);
                long bytes = v.size() * t.size();
                MemorySegment got = convert(v, t);
                assertThat(got.asSlice(0, bytes).mismatch(want.asSlice(0, bytes))).as(t + " " + v).isEqualTo(-1L);
                DType other = t == DType.FLOAT32 ? DType.FLOAT16 : DType.FLOAT32;
                MemorySegment conv = convert(v, other);
                MemorySegment convWant = convert(view(want, t, v.shape()), other);
                long ob = v.size() * other.size();
                assertThat(conv.asSlice(0, ob).mismatch(convWant.asSlice(0, ob))).as(t + " -> " + other + " " + v).isEqualTo(-1L);
            }
        }
    }

    @Test
    void bigContiguousConversionsFanOut() {
        int n = (1 << 18) + 5;
        MemorySegment f = alloc(n, DType.FLOAT32);
        for (int i = 0; i < n; i++) f.set(F32, 4L * i, (i - n / 2) * 0.37f);
        MemorySegment bf = convert(view(f, DType.FLOAT32, n), DType.BFLOAT16);
        MemorySegment u8 = convert(view(f, DType.FLOAT32, n), DType.UINT8);
        MemorySegment same = convert(view(f, DType.FLOAT32, n), DType.FLOAT32);
        for (int i = 0; i < n; i += 1) {
            float x = f.get(F32, 4L * i);
            assertThat(bf.get(I16, 2L * i)).isEqualTo(HalfFloats.floatToBf16(x));
            assertThat(u8.get(ValueLayout.JAVA_BYTE, i)).isEqualTo((byte) (long) x);
            assertThat(same.get(F32, 4L * i)).isEqualTo(x);
        }
    }

    // ---------- fill and arange ----------

    @Test
    void fillConvertsTheValueOnce() {
        for (DType t : DType.values()) {
            for (int n : new int[] {0, 1, 7, 1000, (1 << 17) + 3}) {
                MemorySegment s = alloc(n, t);
                CopyKernels.fill(view(s, t, n), 3.7);
                for (int i = 0; i < n; i += Math.max(1, n / 50)) {
                    Value v = new Value(new BigDecimal(3.7), 0, false, 0f);
                    checkElement(DType.FLOAT64, t, v, s, i, t + " fill " + i);
                }
                if (n > 0) checkElement(DType.FLOAT64, t, new Value(new BigDecimal(3.7), 0, false, 0f), s, n - 1, t + " last");
            }
        }
        MemorySegment u8 = alloc(5, DType.UINT8);
        CopyKernels.fill(view(u8, DType.UINT8, 5), -1);
        assertThat(u8.get(ValueLayout.JAVA_BYTE, 4)).isEqualTo((byte) -1);
        MemorySegment i32 = alloc(3, DType.INT32);
        CopyKernels.fill(view(i32, DType.INT32, 3), Double.NaN);
        assertThat(i32.get(I32, 8)).isEqualTo(0);
        MemorySegment f = alloc(3, DType.FLOAT32);
        CopyKernels.fill(view(f, DType.FLOAT32, 3), Double.NaN);
        assertThat(f.get(F32, 8)).isNaN();
        MemorySegment z = alloc(3, DType.FLOAT32);
        CopyKernels.fill(view(z, DType.FLOAT32, 3), 0);
        assertThat(z.get(F32, 4)).isEqualTo(0f);
    }

    @Test
    void arangeComputesEachElementFromItsIndex() {
        int n = 70001;
        MemorySegment f = alloc(n, DType.FLOAT32);
        CopyKernels.arange(view(f, DType.FLOAT32, n), -3, 0.1);
        for (int i = 0; i < n; i++) assertThat(f.get(F32, 4L * i)).isEqualTo((float) (-3 + i * 0.1));
        MemorySegment h = alloc(100, DType.FLOAT16);
        CopyKernels.arange(view(h, DType.FLOAT16, 100), 0, 0.1);
        for (int i = 0; i < 100; i++) assertThat(h.get(I16, 2L * i)).isEqualTo(Float.floatToFloat16((float) (i * 0.1)));
        MemorySegment l = alloc(10, DType.INT64);
        CopyKernels.arange(view(l, DType.INT64, 10), 0x1p60, 3);
        for (int i = 0; i < 10; i++) assertThat(l.get(I64, 8L * i)).isEqualTo((1L << 60) + 3L * i); // beyond 2^53: exact
        MemorySegment u8 = alloc(10, DType.UINT8);
        CopyKernels.arange(view(u8, DType.UINT8, 10), 250, 1);
        assertThat(u8.get(ValueLayout.JAVA_BYTE, 6) & 0xff).isEqualTo(0); // 256 wraps
        MemorySegment i32 = alloc(5, DType.INT32);
        CopyKernels.arange(view(i32, DType.INT32, 5), 1.5, 0.5);
        assertThat(new int[] {i32.get(I32, 0), i32.get(I32, 4), i32.get(I32, 8), i32.get(I32, 12)}).containsExactly(1, 2, 2, 3);
        MemorySegment b = alloc(3, DType.BOOL);
        CopyKernels.arange(view(b, DType.BOOL, 3), 0, 1);
        assertThat(new byte[] {b.get(ValueLayout.JAVA_BYTE, 0), b.get(ValueLayout.JAVA_BYTE, 1), b.get(ValueLayout.JAVA_BYTE, 2)})
                .containsExactly(0, 1, 1);
        MemorySegment d = alloc(4, DType.FLOAT64);
        CopyKernels.arange(view(d, DType.FLOAT64, 2, 2), 10, -2.5);
        assertThat(d.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 24)).isEqualTo(2.5);
        CopyKernels.arange(view(alloc(0, DType.FLOAT32), DType.FLOAT32, 0), 0, 1);
    }

    // ---------- bad input ----------

    @Test
    void badInputIsRejected() {
        MemorySegment a = alloc(6, DType.FLOAT32);
        assertThatThrownBy(() -> CopyKernels.copy(view(a, DType.FLOAT32, 2, 3), view(alloc(6, DType.INT32), DType.INT32, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("copy").hasMessageContaining("[2, 3]");
        StridedView strided = new StridedView(alloc(12, DType.FLOAT32), 0, new int[] {2, 3}, new long[] {1, 2}, DType.FLOAT32);
        assertThatThrownBy(() -> CopyKernels.copy(view(a, DType.FLOAT32, 2, 3), strided))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> CopyKernels.fill(strided, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fill");
        assertThatThrownBy(() -> CopyKernels.arange(view(alloc(1, DType.FLOAT64), DType.FLOAT64, 10), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arange").hasMessageContaining("bytes");
        StridedView outside = new StridedView(alloc(4, DType.FLOAT32), 2, new int[] {4}, new long[] {-1}, DType.FLOAT32);
        assertThatThrownBy(() -> CopyKernels.copy(outside, view(alloc(4, DType.FLOAT32), DType.FLOAT32, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reaches elements -1..2");
        // the copy must not have touched anything on failure
        assertThat(a.get(F32, 0)).isEqualTo(0f);
    }

    @Test
    void emptyAndScalarCopies() {
        CopyKernels.copy(view(alloc(0, DType.FLOAT32), DType.FLOAT32, 0, 4), view(alloc(0, DType.INT8), DType.INT8, 0, 4));
        MemorySegment s = alloc(1, DType.FLOAT64);
        ElementAccess.setDouble(s, DType.FLOAT64, 0, -7.9);
        MemorySegment out = alloc(1, DType.INT16);
        CopyKernels.copy(view(s, DType.FLOAT64), view(out, DType.INT16));
        assertThat(out.get(I16, 0)).isEqualTo((short) -7);
    }
}
