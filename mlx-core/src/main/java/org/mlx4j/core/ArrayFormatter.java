package org.mlx4j.core;

import java.math.BigDecimal;
import org.mlx4j.core.backend.cpu.ElementAccess;
import org.mlx4j.core.backend.cpu.StridedView;

/** MLX-style printing: {@code array([[1, 2], [3, 4]], dtype=int32)}. */
final class ArrayFormatter {
    private static volatile PrintOptions options = PrintOptions.defaults();

    private ArrayFormatter() {}

    static PrintOptions options() { return options; }

    /** Sets the options of every later print; returns those in force before. */
    static PrintOptions setOptions(PrintOptions o) {
        java.util.Objects.requireNonNull(o, "setPrintOptions: options");
        PrintOptions before = options;
        options = o;
        return before;
    }

    static String format(Array a) {
        StridedView v = Readback.evaluated(a);
        StringBuilder sb = new StringBuilder("array(");
        PrintOptions o = options;
        boolean summarize = v.size() > o.threshold();
        if (v.ndim() == 0) sb.append(element(v, v.offset(), o.precision()));
        else appendAxis(sb, v, 0, v.offset(), "array(".length() + 1, summarize, o);
        return sb.append(", dtype=").append(v.dtype().mlxName()).append(')').toString();
    }

    private static void appendAxis(StringBuilder sb, StridedView v, int axis, long offset, int indent, boolean summarize,
            PrintOptions o) {
        int edge = o.edgeItems();
        int n = v.shape()[axis];
        sb.append('[');
        boolean last = axis == v.ndim() - 1;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * edge && i == edge) {
                sb.append(last ? "..., " : "...,\n" + " ".repeat(indent));
                i = n - edge - 1;
                continue;
            }
            long off = offset + i * v.strides()[axis];
            if (last) sb.append(element(v, off, o.precision()));
            else appendAxis(sb, v, axis + 1, off, indent + 1, summarize, o);
            if (i < n - 1) {
                if (last) sb.append(", ");
                else sb.append(",").append("\n".repeat(v.ndim() - 1 - axis)).append(" ".repeat(indent));
            }
        }
        sb.append(']');
    }

    private static String element(StridedView v, long index, int digits) {
        DType t = v.dtype();
        if (t == DType.BOOL) return ElementAccess.getLong(v.segment(), t, index) != 0 ? "True" : "False";
        if (t == DType.UINT64) return Long.toUnsignedString(ElementAccess.getLong(v.segment(), t, index));
        if (t.isInteger()) return Long.toString(ElementAccess.getLong(v.segment(), t, index));
        double re = ElementAccess.getDouble(v.segment(), t, index);
        if (t == DType.COMPLEX64) {
            float im = ElementAccess.getImag(v.segment(), t, index);
            return real(re, digits) + (im < 0 || (im == 0 && 1 / im < 0) ? "-" : "+") + real(Math.abs(im), digits) + "j";
        }
        return real(re, digits);
    }

    /** Six significant digits with trailing zeros removed, as C++ streams print them. */
    static String real(double x) { return real(x, 6); }

    /** {@code digits} significant digits with trailing zeros removed, as C++ streams print them. */
    static String real(double x, int digits) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return 1 / x < 0 ? "-0" : "0";
        double ax = Math.abs(x);
        if (ax >= 1e-4 && ax < Math.pow(10, digits)) {
            String s = new BigDecimal(x).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
            return s;
        }
        String s = String.format("%." + (digits - 1) + "e", x);
        int e = s.indexOf('e');
        String mant = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        String exp = s.substring(e + 1);
        int ev = Integer.parseInt(exp);
        return mant + "e" + (ev < 0 ? "-" : "+") + String.format("%02d", Math.abs(ev));
    }
}
