package org.mlx4j.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** NumPy's and MLX's {@code pad}: modes {@code constant}, {@code edge}, {@code reflect} and {@code symmetric}. */
final class Padding {
    private Padding() {}

    static Array pad(Array a, int[][] padWidth, String mode, double constantValue) {
        return pad(a, padWidth, mode, Creation.scalar(constantValue, a.dtype()));
    }

    /** As {@link #pad(Array, int[][], String, double)} with a 0-d array as the constant (differentiable). */
    static Array pad(Array a, int[][] padWidth, String mode, Array constantValue) {
        if (constantValue.ndim() != 0) {
            throw new IllegalArgumentException("pad: the constant value must be a 0-d array, got shape " + Shapes.str(constantValue.node().shape));
        }
        int[] s = a.node().shape;
        int[][] w = widths(padWidth, s);
        String m = mode == null ? "constant" : mode.toLowerCase(Locale.ROOT);
        Array out = a;
        for (int ax = 0; ax < s.length; ax++) {
            int before = w[ax][0], after = w[ax][1];
            if (before == 0 && after == 0) continue;
            out = switch (m) {
                case "constant" -> constant(out, ax, before, after, constantValue);
                case "edge", "reflect", "symmetric" -> {
                    if (s[ax] == 0) {
                        throw new IllegalArgumentException("pad: mode '" + m + "' cannot extend the empty axis " + ax
                                + " of an array of shape " + Shapes.str(s));
                    }
                    yield SortingOps.take(out, Creation.fromInts(sourceIndices(m, s[ax], before, after),
                            new int[] {s[ax] + before + after}), ax);
                }
                default -> throw new IllegalArgumentException("pad: unknown mode '" + mode
                        + "' (valid: constant, edge, reflect, symmetric)");
            };
        }
        return out;
    }

    /** One {@code {before, after}} pair per axis: a single pair applies to every axis, as NumPy broadcasts it. */
    private static int[][] widths(int[][] padWidth, int[] s) {
        if (padWidth == null) throw new IllegalArgumentException("pad: padWidth must not be null");
        if (padWidth.length != s.length && padWidth.length != 1) {
            throw new IllegalArgumentException("pad: padWidth needs one {before, after} pair per axis (" + s.length
                    + ") or a single pair, got " + padWidth.length + " for shape " + Shapes.str(s));
        }
        int[][] w = new int[s.length][];
        for (int i = 0; i < s.length; i++) {
            int[] p = padWidth[padWidth.length == 1 ? 0 : i];
            if (p == null || (p.length != 2 && p.length != 1)) {
                throw new IllegalArgumentException("pad: each entry of padWidth must be {before, after} or {both}, got "
                        + Arrays.deepToString(padWidth));
            }
            int before = p[0], after = p.length == 2 ? p[1] : p[0];
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("pad: pad widths must be >= 0, got " + Arrays.deepToString(padWidth));
            }
            w[i] = new int[] {before, after};
        }
        return w;
    }

    private static Array constant(Array a, int ax, int before, int after, Array value) {
        int[] s = a.node().shape;
        int[] b = s.clone(), e = s.clone();
        b[ax] = before;
        e[ax] = after;
        Array v = Ops.astype(value, a.dtype());
        return ShapeOps.concatenate(List.of(ShapeOps.broadcastTo(v, b), a, ShapeOps.broadcastTo(v, e)), ax);
    }

    /** For each position of the padded axis, the position of the input it copies. */
    static int[] sourceIndices(String mode, int n, int before, int after) {
        int[] idx = new int[n + before + after];
        for (int j = 0; j < idx.length; j++) idx[j] = source(mode, n, j - before);
        return idx;
    }

    private static int source(String mode, int n, int i) {
        if (i >= 0 && i < n) return i;
        return switch (mode) {
            case "edge" -> i < 0 ? 0 : n - 1;
            case "reflect" -> {
                if (n == 1) yield 0;
                int period = 2 * (n - 1), r = Math.floorMod(i, period);
                yield r < n ? r : period - r;
            }
            case "symmetric" -> {
                int period = 2 * n, r = Math.floorMod(i, period);
                yield r < n ? r : period - 1 - r;
            }
            default -> throw new IllegalStateException(mode);
        };
    }
}
