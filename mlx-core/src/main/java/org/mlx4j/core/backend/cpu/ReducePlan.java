package org.mlx4j.core.backend.cpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A reduction rewritten into its simplest equivalent form: extent-1 axes dropped, negative strides
 * flipped (a kept axis flips its output stride with it), axes ordered by input stride (outermost
 * first, so loops walk memory forwards) and adjacent compatible axes merged. Reduced axes with
 * stride 0 (broadcast) are dropped and counted in {@link #repeat}; kept axes with stride 0 are
 * computed once at index 0 and copied afterwards ({@link #expandAxes}).
 */
final class ReducePlan {
    long inOffset;
    long outOffset;
    long[] keptN;
    long[] keptIn;
    long[] keptOut;
    long[] redN;
    long[] redIn;
    /** Product of the extents of the dropped broadcast reduced axes. */
    long repeat = 1;
    /** Output axes (original numbering, ascending) that repeat the values at index 0. */
    int[] expandAxes;
    /** True when some reduced axis is empty: every output is the identity. */
    boolean emptyReduction;

    private record Axis(long n, long in, long out, boolean reduced) {}

    static ReducePlan of(StridedView in, boolean[] reduced, long outOffset, long[] outStrides) {
        ReducePlan p = new ReducePlan();
        p.inOffset = in.offset();
        p.outOffset = outOffset;
        List<Axis> axes = new ArrayList<>();
        List<Integer> expand = new ArrayList<>();
        for (int i = 0; i < in.ndim(); i++) {
            long n = in.shape()[i];
            long s = in.strides()[i];
            if (n == 0 && reduced[i]) p.emptyReduction = true;
            if (n <= 1) continue;
            if (reduced[i]) {
                if (s == 0) {
                    p.repeat *= n;
                    continue;
                }
                if (s < 0) {
                    p.inOffset += (n - 1) * s;
                    s = -s;
                }
                axes.add(new Axis(n, s, 0, true));
            } else {
                long os = outStrides[i];
                if (s == 0) {
                    expand.add(i);
                    continue;
                }
                if (s < 0) {
                    p.inOffset += (n - 1) * s;
                    s = -s;
                    p.outOffset += (n - 1) * os;
                    os = -os;
                }
                axes.add(new Axis(n, s, os, false));
            }
        }
        axes.sort(Comparator.comparingLong(Axis::in).reversed());
        List<Axis> merged = new ArrayList<>();
        for (Axis a : axes) {
            Axis prev = merged.isEmpty() ? null : merged.getLast();
            if (prev != null && prev.reduced == a.reduced && prev.in == a.n * a.in
                    && (a.reduced || prev.out == a.n * a.out)) {
                merged.set(merged.size() - 1, new Axis(prev.n * a.n, a.in, a.out, a.reduced));
            } else {
                merged.add(a);
            }
        }
        List<Axis> kept = merged.stream().filter(a -> !a.reduced).toList();
        List<Axis> red = merged.stream().filter(Axis::reduced).toList();
        p.keptN = kept.stream().mapToLong(Axis::n).toArray();
        p.keptIn = kept.stream().mapToLong(Axis::in).toArray();
        p.keptOut = kept.stream().mapToLong(Axis::out).toArray();
        p.redN = red.stream().mapToLong(Axis::n).toArray();
        p.redIn = red.stream().mapToLong(Axis::in).toArray();
        p.expandAxes = expand.stream().mapToInt(Integer::intValue).toArray();
        return p;
    }

    /** Number of outputs computed (before expansion). */
    long outputs() { return ReduceOdometer.count(keptN); }

    /** Number of input elements folded into each output (before {@link #repeat}). */
    long reducedCount() { return ReduceOdometer.count(redN); }

    /** The innermost axis is kept and contiguous: reduce whole rows of it at a time. */
    boolean isColumnReduce() {
        return keptN.length > 0 && keptIn[keptIn.length - 1] == 1
                && (redIn.length == 0 || redIn[redIn.length - 1] > 1);
    }
}
