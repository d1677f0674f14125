package org.mlx4j.core;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.primitives.BroadcastTo;
import org.mlx4j.core.primitives.Concatenate;
import org.mlx4j.core.primitives.Copy;
import org.mlx4j.core.primitives.Reshape;
import org.mlx4j.core.primitives.Slice;
import org.mlx4j.core.primitives.SliceUpdate;
import org.mlx4j.core.primitives.StopGradient;
import org.mlx4j.core.primitives.Transpose;

/** Shape and view op builders. */
final class ShapeOps {
    private ShapeOps() {}

    static Array reshape(Array a, int... shape) {
        int[] in = a.node().shape;
        int[] out = shape.clone();
        long size = Shapes.size(in);
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + Arrays.toString(shape));
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Arrays.toString(shape));
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer the -1 dimension to reshape an array of shape "
                        + Shapes.str(in) + " (size " + size + ") into " + Arrays.toString(shape));
            }
            out[infer] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException("reshape: cannot reshape an array of shape " + Shapes.str(in) + " (size "
                    + size + ") into shape " + Shapes.str(out) + " (size " + known + ")");
        }
        if (Arrays.equals(in, out)) return a;
        return Ops.make(new Reshape(out), out, a.dtype(), a);
    }

    static Array transpose(Array a, int... axes) {
        int nd = a.ndim();
        int[] perm = new int[nd];
        if (axes == null || axes.length == 0) {
            for (int i = 0; i < nd; i++) perm[i] = nd - 1 - i;
        } else {
            if (axes.length != nd) {
                throw new IllegalArgumentException("transpose: " + axes.length + " axes given for an array with " + nd
                        + " dimensions: " + Arrays.toString(axes));
            }
            boolean[] seen = new boolean[nd];
            for (int i = 0; i < nd; i++) {
                perm[i] = Shapes.axis("transpose", axes[i], nd);
                if (seen[perm[i]]) throw new IllegalArgumentException("transpose: repeated axis in " + Arrays.toString(axes));
                seen[perm[i]] = true;
            }
        }
        boolean identity = true;
        for (int i = 0; i < nd; i++) identity &= perm[i] == i;
        if (identity) return a;
        int[] in = a.node().shape;
        int[] out = new int[nd];
        for (int i = 0; i < nd; i++) out[i] = in[perm[i]];
        return Ops.make(new Transpose(perm), out, a.dtype(), a);
    }

    static Array swapAxes(Array a, int axis1, int axis2) {
        int nd = a.ndim();
        int x = Shapes.axis("swapAxes", axis1, nd), y = Shapes.axis("swapAxes", axis2, nd);
        int[] perm = new int[nd];
        for (int i = 0; i < nd; i++) perm[i] = i;
        perm[x] = y;
        perm[y] = x;
        return transpose(a, perm);
    }

    static Array moveAxis(Array a, int source, int destination) {
        int nd = a.ndim();
        int s = Shapes.axis("moveAxis", source, nd), d = Shapes.axis("moveAxis", destination, nd);
        int[] order = new int[nd];
        int j = 0;
        for (int i = 0; i < nd; i++) if (i != s) order[j++] = i;
        int[] perm = new int[nd];
        for (int i = 0, k = 0; i < nd; i++) perm[i] = i == d ? s : order[k++];
        return transpose(a, perm);
    }

    static Array broadcastTo(Array a, int... shape) {
        int[] in = a.node().shape;
        if (Arrays.equals(in, shape)) return a;
        Shapes.checkShape("broadcastTo", shape);
        int lead = shape.length - in.length;
        boolean ok = lead >= 0;
        for (int i = 0; ok && i < in.length; i++) ok = in[i] == shape[i + lead] || in[i] == 1;
        if (!ok) {
            throw new IllegalArgumentException("broadcastTo: cannot broadcast an array of shape " + Shapes.str(in)
                    + " to shape " + Shapes.str(shape));
        }
        return Ops.make(new BroadcastTo(shape.clone()), shape.clone(), a.dtype(), a);
    }

    static Array expandDims(Array a, int... axes) {
        int nd = a.ndim() + axes.length;
        boolean[] isNew = new boolean[nd];
        for (int ax : axes) {
            int x = Shapes.axis("expandDims", ax, nd);
            if (isNew[x]) throw new IllegalArgumentException("expandDims: repeated axis in " + Arrays.toString(axes));
            isNew[x] = true;
        }
        int[] in = a.node().shape;
        int[] out = new int[nd];
        for (int i = 0, j = 0; i < nd; i++) out[i] = isNew[i] ? 1 : in[j++];
        return reshape(a, out);
    }

    static Array squeeze(Array a, int... axes) {
        int[] in = a.node().shape;
        boolean[] drop = new boolean[in.length];
        if (axes == null || axes.length == 0) {
            for (int i = 0; i < in.length; i++) drop[i] = in[i] == 1;
        } else {
            for (int ax : axes) {
                int x = Shapes.axis("squeeze", ax, in.length);
                if (in[x] != 1) {
                    throw new IllegalArgumentException("squeeze: axis " + ax + " has extent " + in[x] + ", not 1, in shape " + Shapes.str(in));
                }
                drop[x] = true;
            }
        }
        return reshape(a, Arrays.stream(range(in.length)).filter(i -> !drop[i]).map(i -> in[i]).toArray());
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** Python slice semantics: returns {start, step, length} for one axis. */
    static int[] pythonSlice(String op, int dim, int start, int stop, int step) {
        if (step == 0) throw new IllegalArgumentException(op + ": slice step cannot be zero");
        int s, e;
        if (step > 0) {
            s = start < 0 ? Math.max(0, start + dim) : Math.min(start, dim);
            e = stop < 0 ? Math.max(0, stop + dim) : Math.min(stop, dim);
            return new int[] {s, step, e > s ? (e - s + step - 1) / step : 0};
        }
        s = start < 0 ? Math.max(-1, start + dim) : Math.min(start, dim - 1);
        e = stop < 0 ? Math.max(-1, stop + dim) : Math.min(stop, dim - 1);
        return new int[] {s, step, s > e ? (s - e - step - 1) / -step : 0};
    }

    static Array slice(Array a, int[] start, int[] stop, int[] strides) {
        int[] in = a.node().shape;
        int nd = in.length;
        if (start.length != nd || stop.length != nd || (strides != null && strides.length != nd)) {
            throw new IllegalArgumentException("slice: start, stop and strides need " + nd + " entries for shape " + Shapes.str(in));
        }
        int[] s = new int[nd], st = new int[nd], shape = new int[nd];
        for (int i = 0; i < nd; i++) {
            int[] r = pythonSlice("slice", in[i], start[i], stop[i], strides == null ? 1 : strides[i]);
            s[i] = r[0];
            st[i] = r[1];
            shape[i] = r[2];
        }
        return stridedSlice(a, s, st, shape);
    }

    static Array stridedSlice(Array a, int[] start, int[] step, int[] shape) {
        int[] in = a.node().shape;
        if (start.length != in.length || step.length != in.length || shape.length != in.length) {
            throw new IllegalArgumentException("stridedSlice: start, step and shape need " + in.length
                    + " entries for an array of shape " + Shapes.str(in) + ", got " + start.length + ", " + step.length
                    + " and " + shape.length);
        }
        if (Arrays.equals(in, shape)) {
            boolean whole = true;
            for (int i = 0; i < in.length; i++) whole &= start[i] == 0 && step[i] == 1;
            if (whole) return a;
        }
        for (int i = 0; i < in.length; i++) {
            long last = start[i] + (long) (shape[i] - 1) * step[i];
            if (shape[i] < 0) {
                throw new IllegalArgumentException("stridedSlice: axis " + i + " cannot have the negative extent " + shape[i]);
            }
            if (shape[i] > 0 && (start[i] < 0 || start[i] >= in[i] || last < 0 || last >= in[i])) {
                throw new IndexOutOfBoundsException("stridedSlice: axis " + i + " with extent " + in[i] + " cannot hold "
                        + shape[i] + " elements from " + start[i] + " in steps of " + step[i]);
            }
        }
        return Ops.make(new Slice(start.clone(), step.clone()), shape.clone(), a.dtype(), a);
    }

    static Array sliceUpdate(Array src, Array update, int[] start, int[] stop, int[] strides) {
        int[] in = src.node().shape;
        int nd = in.length;
        if (start.length != nd || stop.length != nd || (strides != null && strides.length != nd)) {
            throw new IllegalArgumentException("sliceUpdate: start, stop and strides need " + nd + " entries for shape " + Shapes.str(in));
        }
        int[] s = new int[nd], st = new int[nd], shape = new int[nd];
        for (int i = 0; i < nd; i++) {
            int[] r = pythonSlice("sliceUpdate", in[i], start[i], stop[i], strides == null ? 1 : strides[i]);
            s[i] = r[0];
            st[i] = r[1];
            shape[i] = r[2];
        }
        Array u = Ops.astype(update, src.dtype());
        if (!Arrays.equals(u.node().shape, shape)) {
            try {
                u = broadcastTo(u, shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sliceUpdate: an update of shape " + Shapes.str(update.node().shape)
                        + " does not fit the slice of shape " + Shapes.str(shape) + " of an array of shape " + Shapes.str(in), e);
            }
        }
        return sliceUpdate(src, u, s, st);
    }

    static Array sliceUpdate(Array src, Array update, int[] start, int[] step) {
        Array u = Ops.astype(update, src.dtype());
        return Ops.make(new SliceUpdate(start.clone(), step.clone()), src.node().shape, src.dtype(), src, u);
    }

    static Array copy(Array a) { return Ops.make(new Copy(), a.node().shape, a.dtype(), a); }

    static Array stopGradient(Array a) { return Ops.make(new StopGradient(), a.node().shape, a.dtype(), a); }

    static Array concatenate(List<Array> arrays, int axis) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("concatenate: needs at least one array");
        int[] first = arrays.get(0).node().shape;
        if (first.length == 0) throw new IllegalArgumentException("concatenate: 0-d arrays cannot be concatenated");
        int ax = Shapes.axis("concatenate", axis, first.length);
        DType t = arrays.get(0).dtype();
        int total = 0;
        for (Array a : arrays) {
            int[] s = a.node().shape;
            boolean ok = s.length == first.length;
            for (int i = 0; ok && i < s.length; i++) ok = i == ax || s[i] == first[i];
            if (!ok) {
                throw new IllegalArgumentException("concatenate: all shapes must match except on axis " + ax + ", got "
                        + Shapes.str(first) + " and " + Shapes.str(s));
            }
            total += s[ax];
            t = DType.promote(t, a.dtype());
        }
        if (arrays.size() == 1) return Ops.astype(arrays.get(0), t);
        int[] shape = first.clone();
        shape[ax] = total;
        Array[] inputs = new Array[arrays.size()];
        for (int i = 0; i < inputs.length; i++) inputs[i] = Ops.astype(arrays.get(i), t);
        return Ops.make(new Concatenate(ax), shape, t, inputs);
    }

    static Array stack(List<Array> arrays, int axis) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("stack: needs at least one array");
        int[] first = arrays.get(0).node().shape;
        int ax = Shapes.axis("stack", axis, first.length + 1);
        List<Array> expanded = new ArrayList<>(arrays.size());
        for (Array a : arrays) {
            if (!Arrays.equals(a.node().shape, first)) {
                throw new IllegalArgumentException("stack: all arrays must have the same shape, got " + Shapes.str(first)
                        + " and " + Shapes.str(a.node().shape));
            }
            expanded.add(expandDims(a, ax));
        }
        return concatenate(expanded, ax);
    }

    /** Splits into {@code sections} equal parts along {@code axis}. */
    static List<Array> split(Array a, int sections, int axis) {
        int[] shape = a.node().shape;
        int ax = Shapes.axis("split", axis, shape.length);
        if (sections <= 0 || shape[ax] % sections != 0) {
            throw new IllegalArgumentException("split: an axis of extent " + shape[ax] + " cannot be split into "
                    + sections + " equal sections");
        }
        int size = shape[ax] / sections;
        int[] indices = new int[sections - 1];
        for (int i = 0; i < indices.length; i++) indices[i] = (i + 1) * size;
        return split(a, indices, ax);
    }

    /** Splits before each of the (ascending) {@code indices} along {@code axis}. */
    static List<Array> split(Array a, int[] indices, int axis) {
        int[] shape = a.node().shape;
        int ax = Shapes.axis("split", axis, shape.length);
        List<Array> parts = new ArrayList<>(indices.length + 1);
        int prev = 0;
        for (int i = 0; i <= indices.length; i++) {
            int end = i < indices.length ? Math.min(Math.max(indices[i], prev), shape[ax]) : shape[ax];
            int[] start = new int[shape.length], step = new int[shape.length], part = shape.clone();
            Arrays.fill(step, 1);
            start[ax] = Math.min(prev, shape[ax]);
            part[ax] = Math.max(0, end - start[ax]);
            parts.add(part[ax] == 0 ? Ops.make(new org.mlx4j.core.primitives.Full(0), part, a.dtype())
                    : stridedSlice(a, start, step, part));
            prev = end;
        }
        return parts;
    }
}
