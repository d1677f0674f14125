package org.mlx4j.core.backend.cpu;

import static org.mlx4j.core.backend.cpu.ElementAccess.F32;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.ReduceOp;

/**
 * SUM, PROD, MAX and MIN over complex64, accumulated as a pair of doubles (two slots per
 * accumulator). MAX and MIN order complex numbers lexicographically (real part, then imaginary
 * part), as MLX and NumPy do; an empty MAX gives -inf-infj and an empty MIN +inf+infj.
 */
final class ReduceComplexFamily extends ReduceFamily {
    private final double idRe;
    private final double idIm;

    ReduceComplexFamily(ReduceOp op, DType in) {
        super(op, in);
        idRe = switch (op) {
            case SUM -> -0.0;
            case PROD -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            case ALL, ANY -> throw new IllegalArgumentException("no complex64 kernel for " + op.opName());
        };
        idIm = op == ReduceOp.PROD ? 0 : idRe; // sums start from -0.0 + -0.0i, max and min from (inf, inf)
    }

    @Override
    int width() { return 2; }

    @Override
    void fill(long[] acc, int slot, int count) {
        for (int i = slot; i < slot + count; i++) {
            acc[2 * i] = Double.doubleToRawLongBits(idRe);
            acc[2 * i + 1] = Double.doubleToRawLongBits(idIm);
        }
    }

    private void fold(long[] acc, int slot, double re, double im) {
        double ar = Double.longBitsToDouble(acc[2 * slot]);
        double ai = Double.longBitsToDouble(acc[2 * slot + 1]);
        switch (op) {
            case null -> throw new NullPointerException("op"); // a null label makes the compiler check that every case is listed
            case SUM -> store(acc, slot, ar + re, ai + im);
            case PROD -> store(acc, slot, ar * re - ai * im, ar * im + ai * re);
            case MAX -> {
                boolean take = re > ar || (re == ar && im > ai);
                store(acc, slot, take ? re : ar, take ? im : ai);
            }
            case MIN -> {
                boolean take = re < ar || (re == ar && im < ai);
                store(acc, slot, take ? re : ar, take ? im : ai);
            }
            case ALL, ANY -> throw boolOp(op);
        }
    }

    private static void store(long[] acc, int slot, double r, double i) {
        acc[2 * slot] = Double.doubleToRawLongBits(r);
        acc[2 * slot + 1] = Double.doubleToRawLongBits(i);
    }

    @Override
    void run(long[] acc, int slot, MemorySegment s, long off, long stride, long n) {
        for (long k = 0; k < n; k++) {
            long e = 2 * (off + k * stride);
            fold(acc, slot, s.getAtIndex(F32, e), s.getAtIndex(F32, e + 1));
        }
    }

    @Override
    void columns(long[] acc, int slot, MemorySegment s, long base, int w, long[] rows, int nRows) {
        for (int r = 0; r < nRows; r++) {
            long e = 2 * (base + rows[r]);
            for (int c = 0; c < w; c++) {
                fold(acc, slot + c, s.getAtIndex(F32, e + 2L * c), s.getAtIndex(F32, e + 2L * c + 1));
            }
        }
    }

    @Override
    void merge(long[] acc, int dst, long[] src, int srcSlot) {
        fold(acc, dst, Double.longBitsToDouble(src[2 * srcSlot]), Double.longBitsToDouble(src[2 * srcSlot + 1]));
    }

    @Override
    void repeat(long[] acc, int slot, long count) {
        double re = Double.longBitsToDouble(acc[2 * slot]);
        double im = Double.longBitsToDouble(acc[2 * slot + 1]);
        if (op == ReduceOp.SUM) {
            re *= count;
            im *= count;
        } else if (op == ReduceOp.PROD) {
            double rr = 1, ri = 0;
            for (long e = count; e != 0; e >>>= 1) {
                if ((e & 1) != 0) {
                    double t = rr * re - ri * im;
                    ri = rr * im + ri * re;
                    rr = t;
                }
                double t = re * re - im * im;
                im = 2 * re * im;
                re = t;
            }
            re = rr;
            im = ri;
        } else {
            return;
        }
        acc[2 * slot] = Double.doubleToRawLongBits(re);
        acc[2 * slot + 1] = Double.doubleToRawLongBits(im);
    }

    @Override
    void write(long[] acc, int slot, MemorySegment out, DType outType, long index) {
        double re = Double.longBitsToDouble(acc[2 * slot]);
        double im = Double.longBitsToDouble(acc[2 * slot + 1]);
        if (outType == DType.COMPLEX64) ElementAccess.setComplex(out, index, (float) re, (float) im);
        else ElementAccess.setDouble(out, outType, index, re);
    }
}
