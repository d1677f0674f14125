package org.mlx4j.core;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code asarray}: an {@link org.mlx4j.core.Array} from a Java value: an array as it is, a scalar, a primitive
 * array, or nested {@code List}s / Java arrays of them (rectangular). The dtype follows MLX's rules for Python
 * values: all booleans give BOOL, integers give INT32 ({@code long}s INT64), any floating value FLOAT32.
 * A sequence whose first leaf is an array is a sequence of arrays: they are stacked (dtypes promoted), as MLX
 * builds an array from a list of arrays.
 */
final class AsArray {
    private AsArray() {}

    /** The kinds of leaf, in promotion order. */
    private enum Kind { BOOL, INT, LONG, FLOAT }

    static org.mlx4j.core.Array of(Object value, DType dtype) {
        if (value instanceof org.mlx4j.core.Array a) return dtype == null ? a : Ops.astype(a, dtype);
        if (value == null) throw new IllegalArgumentException("asarray: null is not an array value");
        if (isSequence(value) && length(value) > 0 && firstLeafIsArray(value)) {
            List<org.mlx4j.core.Array> parts = new ArrayList<>();
            for (int i = 0; i < length(value); i++) parts.add(of(element(value, i), null));
            org.mlx4j.core.Array stacked = ShapeOps.stack(parts, 0);
            return dtype == null ? stacked : Ops.astype(stacked, dtype);
        }
        List<Integer> shape = new ArrayList<>();
        measure(value, shape);
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        long count = Shapes.size(dims);
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("asarray: " + count + " elements are too many");
        double[] values = new double[(int) count];
        long[] longs = new long[(int) count];
        Kind[] kind = {null};
        int filled = fill(value, dims, 0, values, longs, 0, kind);
        if (filled != count) throw new IllegalStateException("asarray: filled " + filled + " of " + count);
        Kind k = kind[0] == null ? Kind.FLOAT : kind[0];
        DType natural = switch (k) {
            case BOOL -> DType.BOOL;
            case INT -> DType.INT32;
            case LONG -> DType.INT64;
            case FLOAT -> DType.FLOAT32;
        };
        org.mlx4j.core.Array out;
        if (dims.length == 0) { // a scalar: the Creation methods read an empty shape as 1-d
            out = k == Kind.FLOAT ? Creation.scalar(values[0], natural) : Creation.scalar(longs[0], natural);
        } else {
            out = switch (k) {
                case BOOL, INT, LONG -> Ops.astype(Creation.fromLongs(longs, dims), natural);
                case FLOAT -> Creation.fromDoubles(values, dims, DType.FLOAT32);
            };
        }
        return dtype == null ? out : Ops.astype(out, dtype);
    }

    private static boolean isSequence(Object v) { return v instanceof List<?> || v.getClass().isArray(); }

    private static int length(Object v) { return v instanceof List<?> l ? l.size() : Array.getLength(v); }

    private static Object element(Object v, int i) { return v instanceof List<?> l ? l.get(i) : Array.get(v, i); }

    private static boolean firstLeafIsArray(Object v) {
        while (v != null && isSequence(v) && length(v) > 0) v = element(v, 0);
        return v instanceof org.mlx4j.core.Array;
    }

    /** Records the shape along the first element of each level. */
    private static void measure(Object v, List<Integer> shape) {
        while (v != null && isSequence(v)) {
            int n = length(v);
            shape.add(n);
            if (n == 0) return;
            v = element(v, 0);
        }
    }

    private static int fill(Object v, int[] dims, int depth, double[] values, long[] longs, int at, Kind[] kind) {
        if (depth == dims.length) {
            if (v == null || isSequence(v)) {
                throw new IllegalArgumentException("asarray: the nested values are not rectangular: expected a scalar at depth "
                        + depth + " for shape " + Shapes.str(dims) + ", got " + (v == null ? "null" : "a sequence"));
            }
            Kind k;
            switch (v) {
                case Boolean b -> { longs[at] = b ? 1 : 0; values[at] = longs[at]; k = Kind.BOOL; }
                case Long l -> { longs[at] = l; values[at] = l; k = Kind.LONG; }
                case Integer i -> { longs[at] = i; values[at] = i; k = Kind.INT; }
                case Short s -> { longs[at] = s; values[at] = s; k = Kind.INT; }
                case Byte b -> { longs[at] = b; values[at] = b; k = Kind.INT; }
                case Number n -> { values[at] = n.doubleValue(); longs[at] = (long) values[at]; k = Kind.FLOAT; }
                default -> throw new IllegalArgumentException("asarray: unsupported element type " + v.getClass().getName()
                        + " (valid: Boolean, Number, Java arrays and Lists of them, Array)");
            }
            if (kind[0] == null || k.ordinal() > kind[0].ordinal()) kind[0] = k;
            return at + 1;
        }
        if (v == null || !isSequence(v) || length(v) != dims[depth]) {
            throw new IllegalArgumentException("asarray: the nested values are not rectangular: expected " + dims[depth]
                    + " elements at depth " + depth + " for shape " + Shapes.str(dims) + ", got "
                    + (v == null ? "null" : isSequence(v) ? length(v) + " elements" : "a scalar"));
        }
        Class<?> component = v.getClass().getComponentType();
        if (component != null && component.isPrimitive() && depth == dims.length - 1) {
            if (component == char.class) throw new IllegalArgumentException("asarray: char[] is not an array value");
            Kind k = component == boolean.class ? Kind.BOOL : component == long.class ? Kind.LONG
                    : component == float.class || component == double.class ? Kind.FLOAT : Kind.INT;
            if (kind[0] == null || k.ordinal() > kind[0].ordinal()) kind[0] = k;
            int n = length(v);
            for (int i = 0; i < n; i++) {
                Object e = Array.get(v, i);
                if (e instanceof Boolean b) { longs[at + i] = b ? 1 : 0; values[at + i] = longs[at + i]; }
                else if (k == Kind.FLOAT) { values[at + i] = ((Number) e).doubleValue(); }
                else { longs[at + i] = ((Number) e).longValue(); values[at + i] = longs[at + i]; }
            }
            return at + n;
        }
        int n = length(v);
        for (int i = 0; i < n; i++) at = fill(element(v, i), dims, depth + 1, values, longs, at, kind);
        return at;
    }
}
