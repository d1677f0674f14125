package org.mlx4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.DType;

/**
 * The NumPy {@code .npy} format, versions 1.0 to 3.0, as MLX reads and writes it: little- or big-endian
 * data (swapped to native order on load), C or Fortran order (Fortran data is transposed to row-major),
 * {@code bfloat16} written with MLX's type string {@code <V2}.
 */
final class NpyFormat {
    private NpyFormat() {}

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy refuses headers longer than this by default; so do we, before allocating anything. */
    static final int MAX_HEADER_LENGTH = 1 << 20;
    private static final int ALIGN = 64;

    /** The parsed header: dtype, shape, layout and the byte order of the data. */
    record Header(DType dtype, int[] shape, boolean fortranOrder, boolean bigEndian) {}

    /** Reads one array; {@code what} names it in errors (the file or the zip entry). */
    static RawTensor read(ByteInput in, Arena arena, String what) throws IOException {
        byte[] pre = in.readBytes(8, "the .npy preamble of " + what);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) throw new IOException("not a .npy file: " + what + " does not start with \\x93NUMPY");
        }
        int major = pre[6] & 0xff;
        if (major < 1 || major > 3) throw new IOException("unsupported .npy format version " + major + "." + (pre[7] & 0xff) + " in " + what);
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = in.readBytes(lenBytes, "the .npy header length of " + what);
        long headerLen = major == 1
                ? (lb[0] & 0xff) | (lb[1] & 0xff) << 8
                : (lb[0] & 0xffL) | (lb[1] & 0xffL) << 8 | (lb[2] & 0xffL) << 16 | (lb[3] & 0xffL) << 24;
        if (headerLen > MAX_HEADER_LENGTH) throw new IOException("the .npy header of " + what + " claims " + headerLen + " bytes (limit " + MAX_HEADER_LENGTH + ")");
        byte[] hb = in.readBytes((int) headerLen, "the .npy header of " + what);
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(text, what);

        long count;
        try {
            count = RawTensor.elementCount(h.shape());
            Math.multiplyExact(count, (long) h.dtype().size());
        } catch (ArithmeticException e) {
            throw new IOException("the shape " + RawTensor.shapeString(h.shape()) + " in " + what + " is too large");
        }
        long nbytes = count * h.dtype().size();
        String dataWhat = "the " + h.dtype().mlxName() + " data of shape " + RawTensor.shapeString(h.shape()) + " in " + what;
        if (nbytes > in.remaining()) throw new ByteInput.Truncated(dataWhat, nbytes, in.remaining());
        MemorySegment data = arena.allocate(Math.max(1, nbytes), ALIGN).asSlice(0, nbytes);
        in.readFully(data, dataWhat);
        if (h.bigEndian() != (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN)) {
            ByteOrders.swap(data, h.dtype() == DType.COMPLEX64 ? 4 : h.dtype().size());
        }
        if (h.fortranOrder() && h.shape().length > 1) {
            MemorySegment rowMajor = arena.allocate(Math.max(1, nbytes), ALIGN).asSlice(0, nbytes);
            ByteOrders.fortranToRowMajor(data, rowMajor, h.shape(), h.dtype().size());
            data = rowMajor;
        }
        return new RawTensor(h.dtype(), h.shape(), data);
    }

    /** Parses the Python-literal header dictionary. */
    static Header parseHeader(String text, String what) throws IOException {
        Map<String, Object> dict;
        try {
            Object v = new PyLiteral(text).parseTop();
            if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("the header is not a dictionary");
            @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) m;
            dict = mm;
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt .npy header in " + what + ": " + e.getMessage());
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new IOException("corrupt .npy header in " + what + ": it needs the keys 'descr', 'fortran_order' and 'shape', found " + dict.keySet());
        }
        if (!(descr instanceof String d)) throw new IOException("unsupported .npy dtype in " + what + ": structured dtypes (" + descr + ") are not supported");
        if (!(fortran instanceof Boolean f)) throw new IOException("corrupt .npy header in " + what + ": 'fortran_order' is " + fortran + ", not True or False");
        if (!(shape instanceof List<?> dims)) throw new IOException("corrupt .npy header in " + what + ": 'shape' is " + shape + ", not a tuple");
        int[] s = new int[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!(dims.get(i) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                throw new IOException("corrupt .npy header in " + what + ": dimension " + i + " of the shape is " + dims.get(i));
            }
            s[i] = (int) (long) n;
        }
        boolean big;
        String code;
        if (d.length() == 3 && "<>|=".indexOf(d.charAt(0)) >= 0) {
            char o = d.charAt(0);
            big = o == '>' || (o == '=' && ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN);
            code = d.substring(1);
        } else if (d.length() == 2) {
            big = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
            code = d;
        } else {
            throw unsupported(d, what);
        }
        DType t = switch (code) {
            case "b1" -> DType.BOOL;
            case "u1" -> DType.UINT8;
            case "u2" -> DType.UINT16;
            case "u4" -> DType.UINT32;
            case "u8" -> DType.UINT64;
            case "i1" -> DType.INT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "f2" -> DType.FLOAT16;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "c8" -> DType.COMPLEX64;
            case "V2" -> DType.BFLOAT16;
            default -> throw unsupported(d, what);
        };
        return new Header(t, s, f, big);
    }

    private static IOException unsupported(String descr, String what) {
        return new IOException("unsupported .npy dtype '" + descr + "' in " + what
                + " (supported: b1, i1, i2, i4, i8, u1, u2, u4, u8, f2, f4, f8, c8 and V2 for bfloat16)");
    }

    static String descr(DType t) {
        String order = t.size() == 1 ? "|" : ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<";
        return order + switch (t) {
            case BOOL -> "b1";
            case UINT8 -> "u1";
            case UINT16 -> "u2";
            case UINT32 -> "u4";
            case UINT64 -> "u8";
            case INT8 -> "i1";
            case INT16 -> "i2";
            case INT32 -> "i4";
            case INT64 -> "i8";
            case FLOAT16 -> "f2";
            case BFLOAT16 -> "V2";
            case FLOAT32 -> "f4";
            case FLOAT64 -> "f8";
            case COMPLEX64 -> "c8";
        };
    }

    /** The full preamble and header (padded so the data starts 64-byte aligned), as numpy writes it. */
    static byte[] header(DType dtype, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr(dtype)).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        sb.append("), }");
        int major = sb.length() + 1 + ALIGN < 65536 ? 1 : 2; // the padded header must fit a u16 length
        int pre = major == 1 ? 10 : 12;
        int total = pre + sb.length() + 1;
        int pad = (ALIGN - total % ALIGN) % ALIGN;
        sb.append(" ".repeat(pad)).append('\n');
        byte[] h = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[pre + h.length];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = (byte) major;
        out[7] = 0;
        int len = h.length;
        out[8] = (byte) len;
        out[9] = (byte) (len >>> 8);
        if (major == 2) {
            out[10] = (byte) (len >>> 16);
            out[11] = (byte) (len >>> 24);
        }
        System.arraycopy(h, 0, out, pre, h.length);
        return out;
    }

    static void write(OutputStream out, DType dtype, int[] shape, byte[] data) throws IOException {
        out.write(header(dtype, shape));
        out.write(data);
    }

    /** A parser for the Python literals of an npy header: dicts, tuples, lists, strings, ints, booleans. */
    private static final class PyLiteral {
        private final String s;
        private int pos;

        PyLiteral(String s) {
            this.s = s;
        }

        Object parseTop() {
            Object v = value(0);
            skip();
            if (pos != s.length()) throw err("unexpected text after the dictionary");
            return v;
        }

        private Object value(int depth) {
            if (depth > 16) throw err("nesting too deep");
            skip();
            if (pos >= s.length()) throw err("unexpected end");
            char c = s.charAt(pos);
            if (c == '{') return dict(depth);
            if (c == '(' || c == '[') return sequence(depth, c == '(' ? ')' : ']');
            if (c == '\'' || c == '"') return string();
            if (c == '-' || Character.isDigit(c)) return integer();
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("None", pos)) {
                pos += 4;
                return "None";
            }
            throw err("unexpected character '" + c + "'");
        }

        private Map<String, Object> dict(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                skip();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                Object k = value(depth + 1);
                if (!(k instanceof String key)) throw err("dictionary key " + k + " is not a string");
                skip();
                if (peek() != ':') throw err("expected ':'");
                pos++;
                m.put(key, value(depth + 1));
                skip();
                char c = peek();
                if (c == ',') pos++;
                else if (c != '}') throw err("expected ',' or '}'");
            }
        }

        private List<Object> sequence(int depth, char close) {
            List<Object> l = new ArrayList<>();
            pos++;
            while (true) {
                skip();
                if (peek() == close) {
                    pos++;
                    return l;
                }
                l.add(value(depth + 1));
                skip();
                char c = peek();
                if (c == ',') pos++;
                else if (c != close) throw err("expected ',' or '" + close + "'");
            }
        }

        private String string() {
            char q = s.charAt(pos++);
            int end = s.indexOf(q, pos);
            if (end < 0) throw err("unterminated string");
            String v = s.substring(pos, end);
            pos = end + 1;
            return v;
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) pos++; // Python 2 long suffix
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw err("bad integer '" + digits + "'");
            }
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        private char peek() {
            if (pos >= s.length()) throw err("unexpected end");
            return s.charAt(pos);
        }

        private IllegalArgumentException err(String what) {
            return new IllegalArgumentException(what + " at offset " + pos);
        }
    }
}
