package org.mlx4j.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shape arithmetic shared by the ops: axes, broadcasting, formatting for error messages. */
final class Shapes {
    private Shapes() {}

    /** {@code (2, 3)} as NumPy prints shapes. */
    static String str(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Normalises a possibly negative axis, naming the op when it is out of range. */
    static int axis(String op, int axis, int ndim) {
        if (axis < -ndim || axis >= ndim) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of bounds for an array with "
                    + ndim + " dimension" + (ndim == 1 ? "" : "s") + " (valid: " + (-ndim) + " to " + (ndim - 1) + ")");
        }
        return axis < 0 ? axis + ndim : axis;
    }

    /** Sorted, distinct, normalised axes; all axes when {@code axes} is empty. */
    static int[] reductionAxes(String op, int[] axes, int ndim) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) all[i] = i;
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axis(op, axes[i], ndim);
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException(op + ": duplicate axis " + out[i] + " in " + Arrays.toString(axes));
            }
        }
        return out;
    }

    static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast together (axis " + (i - n) + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** The shape with the given (sorted) axes removed. */
    static int[] drop(int[] shape, int[] axes) {
        int[] out = new int[shape.length - axes.length];
        int j = 0, k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (k < axes.length && axes[k] == i) k++;
            else out[j++] = shape[i];
        }
        return out;
    }

    /** The shape with the given (sorted) axes set to 1. */
    static int[] keep(int[] shape, int[] axes) {
        int[] out = shape.clone();
        for (int a : axes) out[a] = 1;
        return out;
    }

    static void checkShape(String op, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
            n *= d;
            if (n > Integer.MAX_VALUE * 64L) throw new IllegalArgumentException(op + ": shape " + str(shape) + " is too large");
        }
    }
}
