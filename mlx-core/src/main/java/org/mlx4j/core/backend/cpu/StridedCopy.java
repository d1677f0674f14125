package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;

/** Writes a (same-dtype) source into a strided region of a contiguous destination: {@code dst[start::step] = src}. */
final class StridedCopy {
    private StridedCopy() {}

    static void into(StridedView src, StridedView dst, int[] start, int[] step) {
        int nd = src.ndim();
        long size = src.size();
        if (size == 0) return;
        int elem = src.dtype().size();
        long dstOffset = dst.offset();
        long[] dstStrides = new long[nd];
        for (int i = 0; i < nd; i++) {
            dstOffset += (long) start[i] * dst.strides()[i];
            dstStrides[i] = dst.strides()[i] * step[i];
        }
        int[] shape = src.shape();
        long[] srcStrides = src.strides();
        MemorySegment s = src.segment(), d = dst.segment();
        if (nd == 0) {
            MemorySegment.copy(s, src.offset() * elem, d, dstOffset * elem, elem);
            return;
        }
        int inner = shape[nd - 1];
        long si = srcStrides[nd - 1], di = dstStrides[nd - 1];
        boolean rows = si == 1 && di == 1;
        int[] idx = new int[nd];
        long sOff = src.offset(), dOff = dstOffset;
        for (long done = 0; done < size; done += inner) {
            if (rows) {
                MemorySegment.copy(s, sOff * elem, d, dOff * elem, (long) inner * elem);
            } else {
                for (int k = 0; k < inner; k++) {
                    MemorySegment.copy(s, (sOff + k * si) * elem, d, (dOff + k * di) * elem, elem);
                }
            }
            for (int ax = nd - 2; ax >= 0; ax--) { // odometer over the outer axes
                if (++idx[ax] < shape[ax]) {
                    sOff += srcStrides[ax];
                    dOff += dstStrides[ax];
                    break;
                }
                idx[ax] = 0;
                sOff -= (long) (shape[ax] - 1) * srcStrides[ax];
                dOff -= (long) (shape[ax] - 1) * dstStrides[ax];
            }
        }
    }
}
