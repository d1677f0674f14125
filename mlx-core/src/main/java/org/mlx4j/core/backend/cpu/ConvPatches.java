package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.primitives.Convolution;

/**
 * The geometry of one convolution over row-major channels-last operands, and its patch matrix
 * ("im2col"): row {@code r} of the output ({@code n} and the output position) gets, for one group, the
 * input values each weight tap multiplies, laid out as the weight's rows are ({@code [kernel..., Cg]}),
 * zeros where a tap falls on padding or between the elements of a dilated input. Copies are byte runs,
 * so one implementation serves every element size.
 */
final class ConvPatches {
    final int dims, batch, channels, groupChannels, outChannels;
    final int[] inSize, kernel, outSize;
    final long rows, patchWidth;
    private final Convolution p;
    private final long elementBytes;
    /** Whether a run of taps along the last axis reads contiguous input (all channels of a group-free conv). */
    private final boolean runs;

    ConvPatches(int[] inShape, int[] weightShape, int[] outShape, Convolution p, long elementBytes) {
        this.p = p;
        this.elementBytes = elementBytes;
        dims = inShape.length - 2;
        batch = inShape[0];
        channels = inShape[dims + 1];
        groupChannels = weightShape[dims + 1];
        outChannels = weightShape[0];
        inSize = new int[dims];
        kernel = new int[dims];
        outSize = new int[dims];
        long r = batch, width = groupChannels;
        for (int i = 0; i < dims; i++) {
            inSize[i] = inShape[i + 1];
            kernel[i] = weightShape[i + 1];
            outSize[i] = outShape[i + 1];
            r *= outSize[i];
            width *= kernel[i];
        }
        rows = r;
        patchWidth = width;
        int last = dims - 1;
        runs = p.groups() == 1 && !p.flip() && p.kernelDilation()[last] == 1 && p.inputDilation()[last] == 1;
    }

    /** Whether the patch matrix is the input itself: 1x1 taps over every position, no padding or dilation. */
    boolean isPointwise() {
        for (int i = 0; i < dims; i++) {
            if (kernel[i] != 1 || p.stride()[i] != 1 || p.paddingLo()[i] != 0 || p.paddingHi()[i] != 0
                    || p.inputDilation()[i] != 1 || outSize[i] != inSize[i]) return false;
        }
        return true;
    }

    /**
     * Writes patch rows {@code [from, to)} of {@code group} into {@code patches} (row-major, {@link #patchWidth}
     * elements per row, the first row at element 0), reading the contiguous input {@code in}.
     */
    void fill(MemorySegment in, long inOffset, int group, long from, long to, MemorySegment patches) {
        int[] pos = new int[dims];
        int[] tap = new int[dims];
        long cg = groupChannels;
        long channelBytes = cg * elementBytes;
        long n = from;
        for (int i = dims - 1; i >= 0; i--) {
            pos[i] = (int) (n % outSize[i]);
            n /= outSize[i];
        }
        for (long r = from; r < to; r++) {
            if (r > from) { // next output position: an odometer step instead of divisions
                int i = dims - 1;
                while (i >= 0 && ++pos[i] == outSize[i]) pos[i--] = 0;
                if (i < 0) n++;
            }
            long dst = (r - from) * patchWidth * elementBytes;
            java.util.Arrays.fill(tap, 0);
            int kLast = kernel[dims - 1];
            while (true) {
                // offset (in input positions) of the row of taps along the last axis, or -1 if an outer tap misses
                long base = n;
                boolean inside = true;
                for (int i = 0; i < dims - 1; i++) {
                    int src = source(i, pos[i], tap[i]);
                    if (src < 0) {
                        inside = false;
                        break;
                    }
                    base = base * inSize[i] + src;
                }
                long rowBytes = kLast * channelBytes;
                if (!inside) {
                    patches.asSlice(dst, rowBytes).fill((byte) 0);
                } else {
                    long lineStart = base * inSize[dims - 1];
                    copyLastAxis(in, inOffset, lineStart, group, pos[dims - 1], patches, dst, channelBytes);
                }
                dst += rowBytes;
                int i = dims - 2;
                while (i >= 0 && ++tap[i] == kernel[i]) tap[i--] = 0;
                if (i < 0) break;
            }
        }
    }

    /** The taps of the last axis for output position {@code o}, each {@code channelBytes} wide. */
    private void copyLastAxis(MemorySegment in, long inOffset, long lineStart, int group, int o,
                              MemorySegment patches, long dst, long channelBytes) {
        int last = dims - 1, k = kernel[last], w = inSize[last];
        if (runs) {
            int first = o * p.stride()[last] - p.paddingLo()[last];
            int lo = Math.max(0, -first), hi = Math.min(k, w - first);
            if (lo >= hi) {
                patches.asSlice(dst, k * channelBytes).fill((byte) 0);
                return;
            }
            if (lo > 0) patches.asSlice(dst, lo * channelBytes).fill((byte) 0);
            long src = (inOffset + (lineStart + first + lo) * channels) * elementBytes;
            MemorySegment.copy(in, src, patches, dst + lo * channelBytes, (hi - lo) * channelBytes);
            if (hi < k) patches.asSlice(dst + hi * channelBytes, (k - hi) * channelBytes).fill((byte) 0);
            return;
        }
        long groupOffset = (long) group * groupChannels;
        for (int t = 0; t < k; t++) {
            int src = source(last, o, t);
            long at = dst + t * channelBytes;
            if (src < 0) {
                patches.asSlice(at, channelBytes).fill((byte) 0);
            } else {
                long from = (inOffset + (lineStart + src) * channels + groupOffset) * elementBytes;
                MemorySegment.copy(in, from, patches, at, channelBytes);
            }
        }
    }

    /** The input index that tap {@code t} of axis {@code i} reads for output position {@code o}, or -1 (padding, dilation hole). */
    private int source(int i, int o, int t) {
        int kk = p.flip() ? kernel[i] - 1 - t : t;
        long at = (long) o * p.stride()[i] + (long) kk * p.kernelDilation()[i] - p.paddingLo()[i];
        int di = p.inputDilation()[i];
        if (at < 0) return -1;
        long src = at;
        if (di != 1) {
            if (at % di != 0) return -1;
            src = at / di;
        }
        return src < inSize[i] ? (int) src : -1;
    }
}
