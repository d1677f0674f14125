package org.mlx4j.lm.tokenizer;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes values as Python's {@code json.dumps(x, ensure_ascii=False, indent=..., sort_keys=...)} does, which is
 * what transformers' {@code tojson} template filter prints: {@code ", "} and {@code ": "} separators without
 * indent, {@code ","} and a newline with one.
 */
final class PythonJson {
    private PythonJson() {}

    static String write(Object value, Integer indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, sortKeys, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object v, Integer indent, boolean sortKeys, int depth) {
        if (v == null) out.append("null");
        else if (v instanceof Boolean b) out.append(b ? "true" : "false");
        else if (v instanceof Float || v instanceof Double) out.append(floatRepr(((Number) v).doubleValue()));
        else if (v instanceof Number n) out.append(n);
        else if (v instanceof CharSequence s) string(out, s.toString());
        else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            Iterable<? extends Map.Entry<?, ?>> entries = map.entrySet();
            if (sortKeys) entries = new java.util.TreeMap<>(map).entrySet();
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                if (!first) out.append(indent == null ? ", " : ",");
                first = false;
                newline(out, indent, depth + 1);
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), indent, sortKeys, depth + 1);
            }
            newline(out, indent, depth);
            out.append('}');
        } else if (v instanceof Iterable<?> || v instanceof Object[]) {
            Iterator<?> it = v instanceof Object[] array ? java.util.Arrays.asList(array).iterator()
                    : ((Iterable<?>) v).iterator();
            if (!it.hasNext()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            while (it.hasNext()) {
                if (!first) out.append(indent == null ? ", " : ",");
                first = false;
                newline(out, indent, depth + 1);
                write(out, it.next(), indent, sortKeys, depth + 1);
            }
            newline(out, indent, depth);
            out.append(']');
        } else string(out, v.toString());
    }

    private static void newline(StringBuilder out, Integer indent, int depth) {
        if (indent == null) return;
        out.append('\n');
        out.append(" ".repeat(indent * depth));
    }

    private static String floatRepr(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return String.valueOf((long) d) + ".0";
        return String.valueOf(d);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
