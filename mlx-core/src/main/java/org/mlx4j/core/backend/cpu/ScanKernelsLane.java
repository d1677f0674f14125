package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;

/**
 * Scratch buffers and the combining loops of one accumulator width (float, double or long) for
 * the scan and scatter kernels. {@code buf} receives a block of input; {@code acc} holds one
 * running value per column when scanning along a non-innermost axis; {@code carry} is the running
 * value of a single-row scan. The float and double lanes ({@code ScanLaneFloat}, {@code ScanLaneDouble})
 * are generated from one template; the long lane (integers and bool) is {@link Longs}.
 */
abstract sealed class ScanKernelsLane permits ScanLaneFloat, ScanLaneDouble, ScanKernelsLane.Longs {
    /** Internal combine codes; U* compare as unsigned 64-bit integers. */
    static final int SUM = 0, PROD = 1, MAX = 2, MIN = 3, LOGADDEXP = 4, UMAX = 5, UMIN = 6;

    final int op;

    ScanKernelsLane(int op) { this.op = op; }

    /** A lane accumulating in the natural width of {@code out}, for combine code {@code op}. */
    static ScanKernelsLane forOutput(int op, DType out, int capacity, boolean withAcc) {
        if (op == LOGADDEXP && !out.isFloating()) return new ScanLaneDouble(op, capacity, withAcc);
        return switch (out) {
            case FLOAT32, FLOAT16, BFLOAT16 -> new ScanLaneFloat(op, capacity, withAcc);
            case FLOAT64 -> new ScanLaneDouble(op, capacity, withAcc);
            default -> {
                int o = out == DType.UINT64 ? (op == MAX ? UMAX : op == MIN ? UMIN : op) : op;
                yield new Longs(o, capacity, withAcc, out);
            }
        };
    }

    /** Reads {@code n} elements at {@code off + i * stride} into {@code buf[at..]}. */
    abstract void read(MemorySegment s, DType t, long off, long stride, int at, int n);

    /** Reads {@code n} elements into {@code acc[at..]} (the scatter destination). */
    abstract void readAcc(MemorySegment s, DType t, long off, long stride, int at, int n);

    abstract void writeBuf(MemorySegment s, DType t, long off, long stride, int at, int n);

    abstract void writeAcc(MemorySegment s, DType t, long off, long stride, int at, int n);

    /** Sets the row carry to the identity (inclusive: one that leaves the first element bit-exact). */
    abstract void resetCarry(boolean inclusive);

    /** Fills {@code acc[0, n)} with the identity. */
    abstract void resetAcc(int n, boolean inclusive);

    /** Scans {@code buf[0, n)} in place, continuing from the carry, forwards or backwards. */
    abstract void scanBuf(int n, boolean reverse, boolean inclusive);

    /** Per column: inclusive {@code acc = op(acc, buf); buf = acc}; exclusive {@code buf = acc (old); acc = op(acc, buf)}. */
    abstract void combineColumns(int n, boolean inclusive);

    /** {@code acc[i] = op(acc[i], buf[i])} for i in [0, n): the scatter update. */
    abstract void accumulate(int n);

    /**
     * Integers and bool: sums and products wrap (computed in 64 bits, narrowed on store, which is
     * the same modulo 2^width); inputs of another dtype are first converted to the output dtype so
     * that max/min compare the converted values.
     */
    static final class Longs extends ScanKernelsLane {
        final long[] buf;
        final long[] acc;
        final DType out;
        long carry;

        Longs(int op, int capacity, boolean withAcc, DType out) {
            super(op);
            this.out = out;
            buf = new long[capacity];
            acc = withAcc ? new long[capacity] : null;
        }

        long identity() {
            return switch (op) {
                case SUM -> 0;
                case PROD -> 1;
                case UMAX -> 0;
                case UMIN -> -1L; // all ones: the largest uint64
                case MAX -> switch (out) {
                    case INT8 -> Byte.MIN_VALUE;
                    case INT16 -> Short.MIN_VALUE;
                    case INT32 -> Integer.MIN_VALUE;
                    case INT64 -> Long.MIN_VALUE;
                    default -> 0; // unsigned and bool
                };
                default -> switch (out) { // MIN
                    case INT8 -> Byte.MAX_VALUE;
                    case INT16 -> Short.MAX_VALUE;
                    case INT32 -> Integer.MAX_VALUE;
                    case INT64 -> Long.MAX_VALUE;
                    case UINT8 -> 0xff;
                    case UINT16 -> 0xffff;
                    case UINT32 -> 0xffffffffL;
                    default -> 1; // bool
                };
            };
        }

        @Override void read(MemorySegment s, DType t, long off, long stride, int at, int n) {
            ScanKernelsBlocks.readLongs(s, t, off, stride, buf, at, n);
            if (t != out) ScanKernelsBlocks.narrowLongs(buf, at, n, out);
        }

        @Override void readAcc(MemorySegment s, DType t, long off, long stride, int at, int n) {
            ScanKernelsBlocks.readLongs(s, t, off, stride, acc, at, n);
            if (t != out) ScanKernelsBlocks.narrowLongs(acc, at, n, out);
        }

        @Override void writeBuf(MemorySegment s, DType t, long off, long stride, int at, int n) {
            ScanKernelsBlocks.writeLongs(s, t, off, stride, buf, at, n);
        }

        @Override void writeAcc(MemorySegment s, DType t, long off, long stride, int at, int n) {
            ScanKernelsBlocks.writeLongs(s, t, off, stride, acc, at, n);
        }

        @Override void resetCarry(boolean inclusive) { carry = identity(); }

        @Override void resetAcc(int n, boolean inclusive) { java.util.Arrays.fill(acc, 0, n, identity()); }

        @Override void scanBuf(int n, boolean reverse, boolean inclusive) {
            long[] b = buf;
            long c = carry;
            int i = reverse ? n - 1 : 0;
            int step = reverse ? -1 : 1;
            for (int k = 0; k < n; k++, i += step) {
                long next = apply(c, b[i]);
                b[i] = inclusive ? next : c;
                c = next;
            }
            carry = c;
        }

        private long apply(long c, long x) {
            return switch (op) {
                case SUM -> c + x;
                case PROD -> c * x;
                case MAX -> Math.max(c, x);
                case MIN -> Math.min(c, x);
                case UMAX -> Long.compareUnsigned(c, x) >= 0 ? c : x;
                default -> Long.compareUnsigned(c, x) <= 0 ? c : x; // UMIN
            };
        }

        @Override void combineColumns(int n, boolean inclusive) {
            long[] a = acc, b = buf;
            if (!inclusive) {
                for (int i = 0; i < n; i++) {
                    long x = b[i];
                    b[i] = a[i];
                    a[i] = x;
                }
                combine(b, a, n, a);
                return;
            }
            combine(a, b, n, a);
            System.arraycopy(a, 0, b, 0, n);
        }

        @Override void accumulate(int n) { combine(acc, buf, n, acc); }

        private void combine(long[] x, long[] y, int n, long[] r) {
            switch (op) {
                case SUM -> { for (int i = 0; i < n; i++) r[i] = x[i] + y[i]; }
                case PROD -> { for (int i = 0; i < n; i++) r[i] = x[i] * y[i]; }
                case MAX -> { for (int i = 0; i < n; i++) r[i] = Math.max(x[i], y[i]); }
                case MIN -> { for (int i = 0; i < n; i++) r[i] = Math.min(x[i], y[i]); }
                default -> { for (int i = 0; i < n; i++) r[i] = apply(x[i], y[i]); }
            }
        }
    }

    /** log(exp(a) + exp(b)) without overflow; -inf is its identity, NaN propagates. */
    static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) return m;
        return m + Math.log1p(Math.exp(Math.min(a, b) - m));
    }
}
