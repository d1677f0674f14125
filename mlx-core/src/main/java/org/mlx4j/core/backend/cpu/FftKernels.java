package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;

/**
 * The FFT primitive over a row-major input: the one-dimensional transform along each of its axes in
 * turn, line by line ({@link FftPlan}, {@link FftReal}). Complex transforms read the input for the first
 * axis and run the others in place in the output;
 * {@code rfftn} transforms its last axis from the real input first, {@code irfftn} its last axis into the
 * real output last, as NumPy orders them. Inverse transforms are normalised by {@code 1/n} per axis.
 * Lines are split across cores when there are several; a single long line splits its passes instead.
 */
public final class FftKernels {
    private FftKernels() {}

    /** Lines times their length below which a transform never forks. */
    private static final long GRAIN = 1 << 14;

    /**
     * {@code in} (row-major; COMPLEX64, or FLOAT32 for a forward real transform) transformed over
     * {@code axes} into {@code out} (row-major, fresh).
     */
    public static void fft(StridedView in, int[] axes, boolean inverse, boolean real, StridedView out) {
        if (!real) {
            complexAxis(in.segment(), in.offset(), out.segment(), out.offset(), out.shape(), axes[0], inverse);
            for (int i = 1; i < axes.length; i++) complexAxis(out.segment(), out.offset(), out.shape(), axes[i], inverse);
            return;
        }
        int last = axes[axes.length - 1];
        if (!inverse) {
            realForwardAxis(in, out, last);
            for (int i = 0; i < axes.length - 1; i++) complexAxis(out.segment(), out.offset(), out.shape(), axes[i], false);
            return;
        }
        MemorySegment tmp = MemorySegment.ofArray(new float[Math.toIntExact(2 * in.size())]);
        StridedView work = StridedView.contiguous(tmp, DType.COMPLEX64, in.shape());
        CopyKernels.copy(in, work);
        for (int i = 0; i < axes.length - 1; i++) complexAxis(tmp, 0, in.shape(), axes[i], true);
        realInverseAxis(work, out, last);
    }

    /** Where the lines along {@code axis} of a row-major {@code shape} start, and their stride. */
    private record Lines(int length, long count, long inner) {
        static Lines of(int[] shape, int axis) {
            long outer = 1, inner = 1;
            for (int i = 0; i < axis; i++) outer *= shape[i];
            for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
            return new Lines(shape[axis], outer * inner, inner);
        }

        /** The element index of the first element of line {@code l} in a buffer whose lines have length {@code len}. */
        long base(long l, int len) { return (l / inner) * len * inner + l % inner; }
    }

    private interface LineBody {
        void run(long from, long to, boolean parallelLine);
    }

    private static void forLines(Lines lines, int work, LineBody body) {
        if (lines.count() == 1) {
            body.run(0, 1, true);
            return;
        }
        long grain = Math.max(1, GRAIN / Math.max(1, work));
        Parallel.forRange(lines.count(), grain, (from, to) -> body.run(from, to, false));
    }

    private static void complexAxis(MemorySegment seg, long offset, int[] shape, int axis, boolean inverse) {
        if (shape[axis] > 1) complexAxis(seg, offset, seg, offset, shape, axis, inverse);
    }

    /**
     * The complex transform along {@code axis} of the row-major COMPLEX64 {@code src} into {@code dst} (may
     * be the same). Along an axis that is not the last, {@link #BLOCK} neighbouring lines are read row by
     * row (contiguous runs) and transformed together, the vector lanes across the lines.
     */
    private static void complexAxis(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int[] shape, int axis,
                                    boolean inverse) {
        Lines lines = Lines.of(shape, axis);
        int n = lines.length();
        FftPlan plan = FftPlan.of(n);
        float scale = inverse ? 1f / n : 1f;
        if (lines.inner() > 1 && !plan.isBluestein()) {
            blockedAxis(src, srcOffset, dst, dstOffset, lines, plan, inverse, scale);
            return;
        }
        forLines(lines, n, (from, to, parallelLine) -> {
            float[] re = new float[n], im = new float[n];
            for (long l = from; l < to; l++) {
                long base = lines.base(l, n), step = 2 * lines.inner();
                FftLines.read(src, 2 * (srcOffset + base), step, n, re, im);
                if (inverse) plan.forward(im, re, parallelLine);
                else plan.forward(re, im, parallelLine);
                FftLines.write(dst, 2 * (dstOffset + base), step, n, re, im, scale);
            }
        });
    }

    /** Lines transformed together along an axis that is not the last. */
    private static final int BLOCK = 16;

    private static void blockedAxis(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, Lines lines,
                                    FftPlan plan, boolean inverse, float scale) {
        int n = lines.length();
        long inner = lines.inner(), perOuter = (inner + BLOCK - 1) / BLOCK, blocks = lines.count() / inner * perOuter;
        Lines blocked = new Lines(n, blocks, 1);
        forLines(blocked, n * BLOCK, (from, to, parallelLine) -> {
            float[] re = new float[n * BLOCK], im = new float[n * BLOCK];
            for (long b = from; b < to; b++) {
                long first = b % perOuter * BLOCK;
                int width = (int) Math.min(BLOCK, inner - first);
                long base = b / perOuter * n * inner + first;
                for (int j = 0; j < n; j++) FftLines.read(src, 2 * (srcOffset + base + j * inner), 2, width, re, im, j * width);
                if (inverse) plan.forward(im, re, width, parallelLine);
                else plan.forward(re, im, width, parallelLine);
                for (int j = 0; j < n; j++) FftLines.write(dst, 2 * (dstOffset + base + j * inner), 2, width, re, im, j * width, scale);
            }
        });
    }

    /** FLOAT32 lines of length n along {@code axis} of {@code in} into their n/2+1 bins in {@code out}. */
    private static void realForwardAxis(StridedView in, StridedView out, int axis) {
        Lines src = Lines.of(in.shape(), axis);
        int n = src.length(), bins = out.shape()[axis];
        FftReal plan = FftReal.of(n);
        MemorySegment is = in.segment(), os = out.segment();
        long inOff = in.offset(), outOff = out.offset(), stride = src.inner();
        forLines(src, n, (from, to, parallelLine) -> {
            float[] re = new float[bins], im = new float[bins];
            for (long l = from; l < to; l++) {
                long ib = inOff + src.base(l, n), ob = outOff + src.base(l, bins);
                plan.rfft(is, ib, stride, re, im, parallelLine);
                FftLines.write(os, 2 * ob, 2 * stride, bins, re, im, 1f);
            }
        });
    }

    /** COMPLEX64 half spectra along {@code axis} of {@code in} into real lines of the output's length. */
    private static void realInverseAxis(StridedView in, StridedView out, int axis) {
        Lines dst = Lines.of(out.shape(), axis);
        int n = dst.length(), bins = in.shape()[axis];
        FftReal plan = FftReal.of(n);
        MemorySegment is = in.segment(), os = out.segment();
        long inOff = in.offset(), outOff = out.offset(), stride = dst.inner();
        forLines(dst, n, (from, to, parallelLine) -> {
            float[] re = new float[bins], im = new float[bins];
            for (long l = from; l < to; l++) {
                long ib = inOff + dst.base(l, bins), ob = outOff + dst.base(l, n);
                FftLines.read(is, 2 * ib, 2 * stride, bins, re, im);
                plan.irfft(re, im, os, ob, stride, parallelLine);
            }
        });
    }
}
