package org.mlx4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.graph.ScatterOp;

/**
 * NumPy indexing: basic items (ints, slices, new axes, ellipsis) become one strided view; integer
 * arrays (and boolean masks, turned into integer arrays) become a gather, placed where NumPy places
 * advanced-index dimensions. Updates are the same plan run backwards as slice updates and scatters.
 */
final class Indexing {
    private Indexing() {}

    /** The indexed array with new axes inserted, and one item per axis of it: Long, Slice or Array. */
    private record Plan(Array src, List<Object> items, boolean advanced) {}

    static Array get(Array a, Object... index) {
        Plan p = plan("get", a, index);
        if (!p.advanced) return basic(p);
        return advanced(p).result;
    }

    /** A copy of {@code a} whose indexed elements are combined with {@code value} by {@code op}. */
    static Array update(String what, Array a, Object[] index, Array value, ScatterOp op) {
        Plan p = plan(what, a, index);
        Array v = Ops.astype(value, a.dtype());
        Array src = p.src;
        Array result;
        if (!p.advanced) {
            Region r = region(p);
            int[] resultShape = resultShape(r);
            Array region = ShapeOps.reshape(broadcastValue(what, v, resultShape), r.size);
            Array updated = op == ScatterOp.SET ? region : combine(op, ShapeOps.stridedSlice(src, r.start, r.step, r.size), region);
            result = ShapeOps.sliceUpdate(src, updated, r.start, r.step);
        } else {
            Advanced adv = advanced(p);
            Array updates = broadcastValue(what, v, adv.result.shape());
            // back to the gather's layout: B first, then the sliced shape with indexed axes of extent 1
            updates = ShapeOps.transpose(updates, inverse(adv.perm));
            updates = ShapeOps.reshape(updates, adv.gatherShape);
            Array sub = adv.sliced;
            Array scattered = Mx.scatter(sub, updates, adv.indices, adv.axes, op);
            result = ShapeOps.sliceUpdate(src, scattered, adv.region.start, adv.region.step);
        }
        return ShapeOps.reshape(result, a.node().shape);
    }

    private static Array combine(ScatterOp op, Array current, Array value) {
        return switch (op) {
            case SET -> value;
            case ADD -> Mx.add(current, value);
            case PROD -> Mx.multiply(current, value);
            case MAX -> Mx.maximum(current, value);
            case MIN -> Mx.minimum(current, value);
        };
    }

    private static Array broadcastValue(String what, Array v, int[] shape) {
        try {
            return ShapeOps.broadcastTo(v, shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": a value of shape " + Shapes.str(v.node().shape)
                    + " cannot be broadcast to the indexed shape " + Shapes.str(shape), e);
        }
    }

    // ------------------------------------------------------------------ planning

    private static Plan plan(String what, Array a, Object[] index) {
        List<Object> items = new ArrayList<>();
        for (Object o : index) items.add(normalize(what, o));
        int ndim = a.ndim();
        // boolean masks stand for one integer array per masked axis
        List<Object> expanded = new ArrayList<>();
        int consumed = 0;
        for (Object o : items) {
            if (o instanceof Array m && m.dtype() == DType.BOOL) {
                expanded.addAll(nonzero(what, m, a, consumed));
                consumed += m.ndim();
            } else {
                expanded.add(o);
                if (o != Index.NEW_AXIS && o != Index.ELLIPSIS) consumed++;
            }
        }
        if (consumed > ndim) {
            throw new IndexOutOfBoundsException(what + ": too many indices for array: array is " + ndim
                    + "-dimensional, but " + consumed + " were indexed");
        }
        int ellipses = (int) expanded.stream().filter(o -> o == Index.ELLIPSIS).count();
        if (ellipses > 1) throw new IllegalArgumentException(what + ": an index can only have a single ellipsis ('...')");
        List<Object> full = new ArrayList<>();
        for (Object o : expanded) {
            if (o == Index.ELLIPSIS) for (int i = 0; i < ndim - consumed; i++) full.add(Slice.all());
            else full.add(o);
        }
        if (ellipses == 0) for (int i = 0; i < ndim - consumed; i++) full.add(Slice.all());
        // new axes: insert them in the source and index them with ':'
        Array src = a;
        List<Object> perAxis = new ArrayList<>();
        boolean advanced = false;
        for (Object o : full) {
            if (o == Index.NEW_AXIS) {
                src = ShapeOps.expandDims(src, perAxis.size());
                perAxis.add(Slice.all());
            } else {
                perAxis.add(o);
                advanced |= o instanceof Array;
            }
        }
        return new Plan(src, perAxis, advanced);
    }

    private static Object normalize(String what, Object o) {
        return switch (o) {
            case null -> Index.NEW_AXIS;
            case Integer i -> (long) i;
            case Long l -> l;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Slice s -> s;
            case Index i -> i;
            case Array arr -> {
                if (arr.dtype() != DType.BOOL && !arr.dtype().isInteger()) {
                    throw new IllegalArgumentException(what + ": arrays used as indices must be integer or boolean, got "
                            + arr.dtype().mlxName());
                }
                yield arr;
            }
            default -> throw new IllegalArgumentException(what + ": unsupported index item " + o + " ("
                    + o.getClass().getSimpleName() + "); use ints, Slice, Index.NEW_AXIS, Index.ELLIPSIS or integer/boolean Arrays");
        };
    }

    /** The integer index arrays selecting the true elements of {@code mask} (evaluates the mask). */
    private static List<Array> nonzero(String what, Array mask, Array a, int firstAxis) {
        int[] ms = mask.node().shape, as = a.node().shape;
        for (int i = 0; i < ms.length; i++) {
            if (firstAxis + i >= as.length || ms[i] != as[firstAxis + i]) {
                throw new IndexOutOfBoundsException(what + ": boolean index of shape " + Shapes.str(ms)
                        + " does not match the indexed array of shape " + Shapes.str(as) + " at axis " + (firstAxis + i));
            }
        }
        boolean[] bits = mask.toBooleanArray();
        int count = 0;
        for (boolean b : bits) if (b) count++;
        int[][] coords = new int[ms.length][count];
        int k = 0;
        long[] strides = org.mlx4j.core.backend.cpu.StridedView.rowMajorStrides(ms);
        for (int flat = 0; flat < bits.length; flat++) {
            if (!bits[flat]) continue;
            for (int d = 0; d < ms.length; d++) coords[d][k] = (int) (flat / strides[d] % ms[d]);
            k++;
        }
        List<Array> out = new ArrayList<>(ms.length);
        for (int[] c : coords) out.add(Mx.array(c, c.length));
        return out;
    }

    // ------------------------------------------------------------------ basic indexing

    /** A strided region of the source: start, step and size per axis; {@code drop} marks integer-indexed axes. */
    private record Region(int[] start, int[] step, int[] size, boolean[] drop) {}

    private static Region region(Plan p) {
        int[] shape = p.src.node().shape;
        int nd = shape.length;
        int[] start = new int[nd], step = new int[nd], size = new int[nd];
        boolean[] drop = new boolean[nd];
        for (int ax = 0; ax < nd; ax++) {
            Object o = p.items.get(ax);
            if (o instanceof Long l) {
                start[ax] = wrap(l, ax, shape[ax]);
                step[ax] = 1;
                size[ax] = 1;
                drop[ax] = true;
            } else if (o instanceof Slice s) {
                int[] r = s.resolve(shape[ax]);
                start[ax] = r[0];
                step[ax] = r[1];
                size[ax] = r[2];
            } else { // an index array: keep the whole axis for the gather
                start[ax] = 0;
                step[ax] = 1;
                size[ax] = shape[ax];
            }
        }
        return new Region(start, step, size, drop);
    }

    private static int wrap(long i, int axis, int extent) {
        long w = i < 0 ? i + extent : i;
        if (w < 0 || w >= extent) {
            throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + axis + " with size " + extent);
        }
        return (int) w;
    }

    private static int[] resultShape(Region r) {
        return java.util.stream.IntStream.range(0, r.size.length).filter(i -> !r.drop[i]).map(i -> r.size[i]).toArray();
    }

    private static Array basic(Plan p) {
        Region r = region(p);
        Array sliced = ShapeOps.stridedSlice(p.src, r.start, r.step, r.size);
        return ShapeOps.reshape(sliced, resultShape(r));
    }

    // ------------------------------------------------------------------ advanced indexing

    private record Advanced(Array result, Array sliced, Region region, List<Array> indices, int[] axes,
                            int[] gatherShape, int[] perm) {}

    private static Advanced advanced(Plan p) {
        // with index arrays present, integers are advanced indices too (NumPy)
        List<Object> items = new ArrayList<>(p.items);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Long l) items.set(i, Mx.array((int) (long) l));
        }
        Plan q = new Plan(p.src, items, true);
        Region r = region(q);
        Array sliced = ShapeOps.stridedSlice(q.src, r.start, r.step, r.size);
        int[] shape = sliced.node().shape;
        List<Array> indices = new ArrayList<>();
        List<Integer> axes = new ArrayList<>();
        for (int ax = 0; ax < items.size(); ax++) {
            if (items.get(ax) instanceof Array idx) {
                indices.add(wrapIndices(idx, shape[ax]));
                axes.add(ax);
            }
        }
        int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
        int[] sliceSizes = shape.clone();
        for (int a : ax) sliceSizes[a] = 1;
        Array g = Mx.gather(sliced, indices, ax, sliceSizes);
        int[] gs = g.node().shape;
        int nb = gs.length - shape.length;
        // drop the indexed axes (extent 1): B + remaining basic axes
        List<Integer> keptDims = new ArrayList<>();
        for (int i = 0; i < nb; i++) keptDims.add(gs[i]);
        for (int d = 0; d < shape.length; d++) if (Arrays.binarySearch(ax, d) < 0) keptDims.add(shape[d]);
        Array squeezed = ShapeOps.reshape(g, keptDims.stream().mapToInt(Integer::intValue).toArray());
        boolean adjacent = ax[ax.length - 1] - ax[0] == ax.length - 1;
        int before = adjacent ? ax[0] : 0;
        int total = keptDims.size();
        int[] perm = new int[total];
        int k = 0;
        for (int i = 0; i < before; i++) perm[k++] = nb + i;
        for (int i = 0; i < nb; i++) perm[k++] = i;
        for (int i = nb + before; i < total; i++) perm[k++] = i;
        return new Advanced(ShapeOps.transpose(squeezed, perm), sliced, r, indices, ax, gs, perm);
    }

    /** Negative indices count from the end (the gather kernels check the range). */
    private static Array wrapIndices(Array idx, int extent) {
        if (idx.dtype().isUnsignedInteger()) return idx;
        return Mx.where(Mx.less(idx, Creation.scalar(0L, idx.dtype())), Mx.add(idx, Creation.scalar((long) extent, idx.dtype())), idx);
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inv[perm[i]] = i;
        return inv;
    }

    /** Parses NumPy index syntax: {@code "1:3, ..., None, ::-1, 2"}. */
    static Object[] parse(String what, String expr) {
        String trimmed = expr.trim();
        if (trimmed.isEmpty()) return new Object[0];
        String[] parts = trimmed.split(",", -1);
        Object[] out = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String t = parts[i].trim();
            try {
                if (t.equals("...")) out[i] = Index.ELLIPSIS;
                else if (t.equals("None") || t.equals("newaxis")) out[i] = Index.NEW_AXIS;
                else if (t.contains(":")) out[i] = parseSlice(t);
                else out[i] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": cannot parse index item '" + t + "' in \"" + expr
                        + "\" (expected an integer, a slice like 1:5:2, '...' or None)");
            }
        }
        return out;
    }

    private static Slice parseSlice(String t) {
        String[] p = t.split(":", -1);
        if (p.length > 3) throw new NumberFormatException(t);
        Integer start = p[0].isBlank() ? null : Integer.parseInt(p[0].trim());
        Integer stop = p.length < 2 || p[1].isBlank() ? null : Integer.parseInt(p[1].trim());
        int step = p.length < 3 || p[2].isBlank() ? 1 : Integer.parseInt(p[2].trim());
        if (step == 0) throw new IllegalArgumentException("slice step cannot be zero in '" + t + "'");
        return new Slice(start, stop, step);
    }
}
