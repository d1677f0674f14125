package org.mlx4j.core.backend.cpu;

import java.util.Arrays;

/**
 * Order-preserving integer keys for floats (NaN last, -0.0 equal to 0.0, as NumPy and MLX sort)
 * and the primitive sorting and selection routines of the sort kernels.
 *
 * <p>Keys of at most 32 bits are packed with the element's row position into one long
 * ({@code key << 32 | position}), so a plain {@link Arrays#sort(long[])} is a stable argsort and
 * every packed value is distinct. 64-bit keys travel in parallel {@code long[]}/{@code int[]}
 * arrays sorted by a stable merge sort. Selection of plain int and long keys is
 * {@code SortSelectInt} / {@code SortSelectLong}, generated from one template.
 */
final class SortKernelsOrder {
    private SortKernelsOrder() {}

    private static final int INSERTION_RUN = 32;

    /** A signed int whose order is the float order with every NaN last and -0.0 == 0.0. */
    static int floatKey(float f) {
        if (f != f) return Integer.MAX_VALUE;
        int b = Float.floatToRawIntBits(f + 0.0f); // -0.0 + 0.0 == +0.0
        return b ^ ((b >> 31) & 0x7fffffff);
    }

    /** A signed long whose order is the double order with every NaN last and -0.0 == 0.0. */
    static long doubleKey(double d) {
        if (d != d) return Long.MAX_VALUE;
        long b = Double.doubleToRawLongBits(d + 0.0);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    static long pack(int key, int position) {
        return ((long) key << 32) | (position & 0xffffffffL);
    }

    static int position(long packed) {
        return (int) packed;
    }

    /** Stable sort of {@code keys[lo, hi)} carrying {@code vals}; {@code tk}/{@code tv} are scratch of the same length. */
    static void stableSort(long[] keys, int[] vals, int lo, int hi, long[] tk, int[] tv) {
        for (int s = lo; s < hi; s += INSERTION_RUN) insertionSort(keys, vals, s, Math.min(hi, s + INSERTION_RUN));
        long[] ak = keys, bk = tk;
        int[] av = vals, bv = tv;
        for (int width = INSERTION_RUN; width < hi - lo; width <<= 1) {
            for (int s = lo; s < hi; s += 2 * width) {
                int mid = Math.min(hi, s + width), end = Math.min(hi, s + 2 * width);
                merge(ak, av, s, mid, end, bk, bv);
            }
            long[] k = ak; ak = bk; bk = k;
            int[] v = av; av = bv; bv = v;
        }
        if (ak != keys) {
            System.arraycopy(ak, lo, keys, lo, hi - lo);
            System.arraycopy(av, lo, vals, lo, hi - lo);
        }
    }

    private static void insertionSort(long[] k, int[] v, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long key = k[i];
            int val = v[i];
            int j = i - 1;
            while (j >= lo && k[j] > key) {
                k[j + 1] = k[j];
                v[j + 1] = v[j];
                j--;
            }
            k[j + 1] = key;
            v[j + 1] = val;
        }
    }

    /** Merges the sorted runs [lo, mid) and [mid, hi) of (k, v) into (ok, ov); ties take the left run first. */
    private static void merge(long[] k, int[] v, int lo, int mid, int hi, long[] ok, int[] ov) {
        if (mid >= hi || k[mid - 1] <= k[mid]) {
            System.arraycopy(k, lo, ok, lo, hi - lo);
            System.arraycopy(v, lo, ov, lo, hi - lo);
            return;
        }
        int i = lo, j = mid, o = lo;
        while (i < mid && j < hi) {
            if (k[j] < k[i]) {
                ok[o] = k[j];
                ov[o++] = v[j++];
            } else {
                ok[o] = k[i];
                ov[o++] = v[i++];
            }
        }
        while (i < mid) {
            ok[o] = k[i];
            ov[o++] = v[i++];
        }
        while (j < hi) {
            ok[o] = k[j];
            ov[o++] = v[j++];
        }
    }

    /** {@code SortSelectLong.select} for parallel key/value arrays. */
    static void selectPairs(long[] k, int[] v, int n, int kth, long[] tk, int[] tv) {
        int lo = 0, hi = n - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 4;
        while (hi > lo) {
            if (hi - lo < 24 || budget-- == 0) {
                stableSort(k, v, lo, hi + 1, tk, tv);
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (k[mid] < k[lo]) swap(k, v, mid, lo);
            if (k[hi] < k[lo]) swap(k, v, hi, lo);
            if (k[hi] < k[mid]) swap(k, v, hi, mid);
            long pivot = k[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (k[i] < pivot) i++;
                while (k[j] > pivot) j--;
                if (i <= j) swap(k, v, i++, j--);
            }
            if (kth <= j) hi = j;
            else if (kth >= i) lo = i;
            else return;
        }
    }

    private static void swap(long[] k, int[] v, int i, int j) {
        long t = k[i];
        k[i] = k[j];
        k[j] = t;
        int u = v[i];
        v[i] = v[j];
        v[j] = u;
    }
}
