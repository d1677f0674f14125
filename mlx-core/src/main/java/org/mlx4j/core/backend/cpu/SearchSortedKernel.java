package org.mlx4j.core.backend.cpu;

import org.mlx4j.core.DType;

/** Binary search of each value of {@code v} in the sorted 1-d {@code a} (both of one dtype), NumPy's order: NaN last. */
public final class SearchSortedKernel {
    private SearchSortedKernel() {}

    private static final int GRAIN = 4096;

    /** Writes into the row-major INT32 {@code out} the insertion index of every element of {@code v}, read row-major. */
    public static void run(StridedView a, StridedView v, StridedView out, boolean right) {
        int n = a.shape()[0];
        long step = a.strides()[0];
        DType t = a.dtype();
        boolean integral = t.isInteger() || t == DType.BOOL;
        boolean u64 = t == DType.UINT64;
        long count = out.size();
        int[] shape = v.shape();
        long[] strides = v.strides();
        Parallel.forRange(count, GRAIN, (from, to) -> {
            int[] at = new int[shape.length];
            long rem = from;
            for (int k = shape.length - 1; k >= 0; k--) { // the position of element `from`
                at[k] = (int) (rem % shape[k]);
                rem /= shape[k];
            }
            for (long i = from; i < to; i++) {
                long off = v.offset();
                for (int k = 0; k < shape.length; k++) off += at[k] * strides[k];
                int lo = 0, hi = n;
                if (integral) {
                    long x = ElementAccess.getLong(v.segment(), t, off);
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        long y = ElementAccess.getLong(a.segment(), t, a.offset() + mid * step);
                        int c = u64 ? Long.compareUnsigned(y, x) : Long.compare(y, x);
                        if (c < 0 || (right && c == 0)) lo = mid + 1;
                        else hi = mid;
                    }
                } else {
                    double x = ElementAccess.getDouble(v.segment(), t, off);
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        double y = ElementAccess.getDouble(a.segment(), t, a.offset() + mid * step);
                        if (before(y, x, right)) lo = mid + 1;
                        else hi = mid;
                    }
                }
                ElementAccess.setLong(out.segment(), DType.INT32, out.offset() + i, lo);
                for (int k = shape.length - 1; k >= 0; k--) {
                    if (++at[k] < shape[k]) break;
                    at[k] = 0;
                }
            }
        });
    }

    /** Whether the sorted value {@code y} goes before {@code x}: {@code y < x} ({@code y <= x} when {@code right}), NaN largest. */
    private static boolean before(double y, double x, boolean right) {
        if (Double.isNaN(y)) return right && Double.isNaN(x);
        if (Double.isNaN(x)) return true;
        return right ? y <= x : y < x;
    }
}
