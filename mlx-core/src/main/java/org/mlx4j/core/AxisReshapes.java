package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;

/** Reshapes that merge or split axes or add leading ones: {@code flatten(start, end)}, {@code unflatten}, {@code atleast_nd}, {@code unstack}. */
final class AxisReshapes {
    private AxisReshapes() {}

    /** Axes {@code start..end} (inclusive, negative from the end) merged into one, as MLX's {@code flatten}. */
    static Array flatten(Array a, int start, int end) {
        int[] s = a.node().shape;
        int nd = s.length;
        if (nd == 0) return ShapeOps.reshape(a, 1);
        int st = Shapes.axis("flatten", start, nd), en = Shapes.axis("flatten", end, nd);
        if (st > en) {
            throw new IllegalArgumentException("flatten: start axis " + start + " comes after end axis " + end
                    + " for an array of shape " + Shapes.str(s));
        }
        int[] out = new int[nd - (en - st)];
        int k = 0;
        for (int i = 0; i < st; i++) out[k++] = s[i];
        long merged = 1;
        for (int i = st; i <= en; i++) merged *= s[i];
        out[k++] = Math.toIntExact(merged);
        for (int i = en + 1; i < nd; i++) out[k++] = s[i];
        return ShapeOps.reshape(a, out);
    }

    /** Axis {@code axis} split into {@code shape} (one entry may be -1), as MLX's {@code unflatten}. */
    static Array unflatten(Array a, int axis, int[] shape) {
        int[] s = a.node().shape;
        if (s.length == 0) throw new IllegalArgumentException("unflatten: a 0-d array has no axis to split");
        if (shape.length == 0) throw new IllegalArgumentException("unflatten: the new shape must not be empty");
        int ax = Shapes.axis("unflatten", axis, s.length);
        int[] out = new int[s.length - 1 + shape.length];
        int k = 0;
        for (int i = 0; i < ax; i++) out[k++] = s[i];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (inferred >= 0) throw new IllegalArgumentException("unflatten: only one axis of the new shape may be -1, got " + java.util.Arrays.toString(shape));
                inferred = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("unflatten: negative extent " + shape[i] + " in " + java.util.Arrays.toString(shape));
            } else {
                known *= shape[i];
            }
        }
        int[] sh = shape.clone();
        if (inferred >= 0) {
            if (known == 0 || s[ax] % known != 0) {
                throw new IllegalArgumentException("unflatten: cannot split axis " + axis + " of extent " + s[ax] + " into "
                        + java.util.Arrays.toString(shape));
            }
            sh[inferred] = (int) (s[ax] / known);
        } else if (known != s[ax]) {
            throw new IllegalArgumentException("unflatten: cannot split axis " + axis + " of extent " + s[ax] + " into "
                    + java.util.Arrays.toString(shape) + " (" + known + " elements)");
        }
        for (int e : sh) out[k++] = e;
        for (int i = ax + 1; i < s.length; i++) out[k++] = s[i];
        return ShapeOps.reshape(a, out);
    }

    /** {@code a} with at least {@code n} (1, 2 or 3) dimensions, as NumPy's and MLX's {@code atleast_nd}. */
    static Array atleast(Array a, int n) {
        int nd = a.ndim();
        if (nd >= n) return a;
        return switch (n) {
            case 1 -> ShapeOps.reshape(a, 1);
            case 2 -> nd == 0 ? ShapeOps.reshape(a, 1, 1) : ShapeOps.expandDims(a, 0);
            case 3 -> switch (nd) {
                case 0 -> ShapeOps.reshape(a, 1, 1, 1);
                case 1 -> ShapeOps.expandDims(a, 0, 2);
                default -> ShapeOps.expandDims(a, 2);
            };
            default -> throw new IllegalArgumentException("atleast: n must be 1, 2 or 3, got " + n);
        };
    }

    /** The slices of {@code a} along {@code axis}, that axis removed, as MLX's {@code unstack}. */
    static List<Array> unstack(Array a, int axis) {
        int[] s = a.node().shape;
        if (s.length == 0) throw new IllegalArgumentException("unstack: a 0-d array cannot be unstacked");
        int ax = Shapes.axis("unstack", axis, s.length);
        List<Array> out = new ArrayList<>(s[ax]);
        if (s[ax] == 0) return out;
        for (Array piece : ShapeOps.split(a, s[ax], ax)) out.add(ShapeOps.squeeze(piece, ax));
        return out;
    }

    /** The shape the given shapes broadcast to, as {@code broadcast_shapes}. */
    static int[] broadcastShapes(int[]... shapes) {
        if (shapes.length == 0) throw new IllegalArgumentException("broadcastShapes: at least one shape is needed");
        int[] out = shapes[0].clone();
        for (int i = 1; i < shapes.length; i++) out = Shapes.broadcast("broadcastShapes", out, shapes[i]);
        return out.clone();
    }

    static List<Array> broadcastArrays(List<Array> arrays) {
        if (arrays.isEmpty()) return List.of();
        int[] shape = arrays.get(0).node().shape;
        for (Array a : arrays) shape = Shapes.broadcast("broadcastArrays", shape, a.node().shape);
        List<Array> out = new ArrayList<>(arrays.size());
        for (Array a : arrays) out.add(java.util.Arrays.equals(a.node().shape, shape) ? a : ShapeOps.broadcastTo(a, shape));
        return out;
    }
}
