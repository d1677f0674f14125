package org.mlx4j.core.transforms;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.primitives.Convolution;

/**
 * The batched form of a {@link Convolution}, one convolution whatever the batch size: a mapped input
 * with an unmapped weight folds the batch into the convolution's own batch axis; a mapped weight puts
 * the batch into the channels and the groups ({@code groups * B} groups: batch {@code b}'s group
 * {@code j} reads input channels {@code b * C + j * Cg ...} and writes output channels
 * {@code b * O + j * Og ...}), the input repeated per batch when it is unmapped.
 */
final class VmapConvolution {
    private VmapConvolution() {}

    static Array batched(Convolution c, Array x, Array w, boolean xMapped, boolean wMapped, int batch) {
        if (!wMapped) {
            int[] xs = x.shape();
            int[] folded = Arrays.copyOfRange(xs, 1, xs.length);
            folded[0] = xs[0] * xs[1];
            Array y = c.apply(Mx.reshape(x, folded), w);
            int[] ys = y.shape();
            int[] out = new int[ys.length + 1];
            out[0] = batch;
            out[1] = xs[1];
            System.arraycopy(ys, 1, out, 2, ys.length - 1);
            return Mx.reshape(y, out);
        }
        int d = c.spatialDims();
        // input [N, s..., B, C] then [N, s..., B * C]
        Array xb = xMapped ? Mx.moveAxis(x, 0, d + 1) : Mx.broadcastTo(Mx.expandDims(x, d + 1), batchedChannels(x.shape(), batch));
        int[] xbs = xb.shape();
        int[] xShape = Arrays.copyOf(xbs, d + 2);
        xShape[d + 1] = xbs[d + 1] * xbs[d + 2];
        Array xf = Mx.reshape(xb, xShape);
        int[] ws = w.shape();
        int[] wShape = Arrays.copyOfRange(ws, 1, ws.length);
        wShape[0] = ws[0] * ws[1];
        Array wf = Mx.reshape(w, wShape);
        Convolution wide = new Convolution(c.stride(), c.paddingLo(), c.paddingHi(), c.kernelDilation(),
                c.inputDilation(), c.groups() * batch, c.flip());
        Array y = wide.apply(xf, wf);
        int[] ys = y.shape();
        int[] split = Arrays.copyOf(ys, d + 3);
        split[d + 1] = batch;
        split[d + 2] = ws[1];
        return Mx.moveAxis(Mx.reshape(y, split), d + 1, 0);
    }

    /** {@code [N, s..., C]} with a batch axis before the channels. */
    private static int[] batchedChannels(int[] xs, int batch) {
        int[] s = new int[xs.length + 1];
        System.arraycopy(xs, 0, s, 0, xs.length - 1);
        s[xs.length - 1] = batch;
        s[xs.length] = xs[xs.length - 1];
        return s;
    }
}
