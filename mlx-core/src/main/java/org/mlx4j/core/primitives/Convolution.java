package org.mlx4j.core.primitives;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;

/**
 * MLX's {@code Convolution}: a channels-last cross-correlation of {@code input [N, spatial..., C]} with
 * {@code weight [O, kernel..., C / groups]}, giving {@code [N, outSpatial..., O]}. Per spatial axis: the
 * input is dilated by {@code inputDilation} (zeros between elements), padded by {@code paddingLo} and
 * {@code paddingHi} (negative values crop), and read at {@code stride} steps with the kernel's taps
 * {@code kernelDilation} apart; {@code flip} reverses the kernel (a true convolution). Channels are split
 * into {@code groups}, each output channel reading the input channels of its group.
 *
 * <p>The rules are convolutions again: the input's cotangent convolves the cotangent (dilated by the
 * stride) with the flipped, channel-swapped weight; the weight's cotangent convolves the input (batch
 * and channel axes exchanged) with the cotangent as kernel, dilated by the stride. So grad of grad works.
 */
public record Convolution(int[] stride, int[] paddingLo, int[] paddingHi, int[] kernelDilation, int[] inputDilation,
                          int groups, boolean flip) implements Primitive {

    /** The number of spatial axes. */
    public int spatialDims() { return stride.length; }

    /** The output shape for {@code input} and {@code weight} shapes, or null if a spatial extent is not positive. */
    public int[] outputShape(int[] input, int[] weight) {
        int d = spatialDims();
        int[] out = new int[d + 2];
        out[0] = input[0];
        out[d + 1] = weight[0];
        for (int i = 0; i < d; i++) {
            long dilatedIn = (long) (input[i + 1] - 1) * inputDilation[i] + 1;
            long dilatedKernel = (long) (weight[i + 1] - 1) * kernelDilation[i] + 1;
            long span = dilatedIn + paddingLo[i] + paddingHi[i] - dilatedKernel;
            if (input[i + 1] == 0 || span < 0) return null;
            long size = span / stride[i] + 1;
            if (size > Integer.MAX_VALUE) return null;
            out[i + 1] = (int) size;
        }
        return out;
    }

    /**
     * This convolution of {@code input} and {@code weight} (same floating dtype, shapes already checked) as a
     * graph node.
     */
    public Array apply(Array input, Array weight) {
        int[] shape = outputShape(input.shape(), weight.shape());
        if (shape == null) {
            throw new IllegalArgumentException("conv: spatial dimensions of input " + Arrays.toString(input.shape())
                    + " after dilation and padding cannot be smaller than the dilated weight " + Arrays.toString(weight.shape()));
        }
        return Handles.make(this, shape, input.dtype(), input, weight);
    }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0), w = primals.get(1), ct = cotangents.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) grads[i] = argnums[i] == 0 ? inputGrad(x, w, ct) : weightGrad(x, w, ct);
        return List.of(grads);
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        Array x = primals.get(0), w = primals.get(1), tx = tangents.get(0), tw = tangents.get(1);
        return Tangents.one(Tangents.add(tx == null ? null : apply(tx, w), tw == null ? null : apply(x, tw)));
    }

    /**
     * {@code dx}: the cotangent, dilated by the stride, padded so that each input position sees the taps
     * that read it, correlated (stride = input dilation) with the weight flipped the other way and its
     * channels swapped within each group ({@code [O, k..., Cg]} to {@code [C, k..., Og]}).
     */
    private Array inputGrad(Array x, Array w, Array ct) {
        int d = spatialDims();
        int[] xs = x.shape(), ws = w.shape(), cs = ct.shape();
        int[] lo = new int[d], hi = new int[d];
        for (int i = 0; i < d; i++) {
            int kernelSpan = (ws[i + 1] - 1) * kernelDilation[i];
            lo[i] = kernelSpan - paddingLo[i];
            hi[i] = (xs[i + 1] - 1) * inputDilation[i] + paddingLo[i] - (cs[i + 1] - 1) * stride[i];
        }
        int og = ws[0] / groups, cg = ws[d + 1];
        int[] grouped = new int[d + 3];
        grouped[0] = groups;
        grouped[1] = og;
        System.arraycopy(ws, 1, grouped, 2, d);
        grouped[d + 2] = cg;
        Array swapped = Mx.swapAxes(Mx.reshape(w, grouped), 1, d + 2);
        int[] wShape = new int[d + 2];
        wShape[0] = groups * cg;
        System.arraycopy(ws, 1, wShape, 1, d);
        wShape[d + 1] = og;
        Array wt = Mx.reshape(swapped, wShape);
        Convolution back = new Convolution(inputDilation, lo, hi, kernelDilation, stride, groups, !flip);
        return back.apply(ct, wt);
    }

    /**
     * {@code dw}: per group, the input with batch and channels exchanged ({@code [Cg, spatial..., groups * N]})
     * correlated with the cotangent as kernel ({@code [groups * Og, outSpatial..., N]}, dilated by the
     * stride, read at kernel-dilation steps), which gives {@code [Cg, kernel..., O]}; flipped back when the
     * forward flips.
     */
    private Array weightGrad(Array x, Array w, Array ct) {
        int d = spatialDims();
        int[] xs = x.shape(), ws = w.shape(), cs = ct.shape();
        int n = xs[0], c = xs[d + 1], o = ws[0], cg = c / groups, og = o / groups;
        // x [N, s..., G, Cg] -> [Cg, s..., G, N] -> [Cg, s..., G*N]
        int[] xSplit = Arrays.copyOf(xs, d + 3);
        xSplit[d + 1] = groups;
        xSplit[d + 2] = cg;
        Array xt = Mx.swapAxes(Mx.reshape(x, xSplit), 0, d + 2);
        int[] xShape = new int[d + 2];
        xShape[0] = cg;
        System.arraycopy(xs, 1, xShape, 1, d);
        xShape[d + 1] = groups * n;
        xt = Mx.reshape(xt, xShape);
        // ct [N, t..., G, Og] -> [G, Og, t..., N] -> [G*Og, t..., N]
        int[] cSplit = Arrays.copyOf(cs, d + 3);
        cSplit[d + 1] = groups;
        cSplit[d + 2] = og;
        int[] perm = new int[d + 3];
        perm[0] = d + 1;
        perm[1] = d + 2;
        for (int i = 0; i < d; i++) perm[i + 2] = i + 1;
        perm[d + 2] = 0;
        int[] cShape = new int[d + 2];
        cShape[0] = o;
        System.arraycopy(cs, 1, cShape, 1, d);
        cShape[d + 1] = n;
        Array kt = Mx.reshape(Mx.transpose(Mx.reshape(ct, cSplit), perm), cShape);
        int[] lo = paddingLo.clone(), hi = new int[d];
        for (int i = 0; i < d; i++) {
            long needed = (long) (ws[i + 1] - 1) * kernelDilation[i] + (long) (cs[i + 1] - 1) * stride[i] + 1;
            long dilatedIn = (long) (xs[i + 1] - 1) * inputDilation[i] + 1;
            hi[i] = (int) (needed - dilatedIn - paddingLo[i]);
        }
        Convolution wrt = new Convolution(kernelDilation, lo, hi, stride, inputDilation, groups, false);
        Array g = wrt.apply(xt, kt); // [Cg, kernel..., O]
        g = Mx.swapAxes(g, 0, d + 1);
        if (!flip) return g;
        int[] start = new int[d + 2], stop = new int[d + 2], step = new int[d + 2];
        for (int i = 0; i < d + 2; i++) {
            boolean spatial = i >= 1 && i <= d;
            start[i] = spatial ? ws[i] - 1 : 0;
            stop[i] = spatial ? Integer.MIN_VALUE : ws[i];
            step[i] = spatial ? -1 : 1;
        }
        return Mx.slice(g, start, stop, step);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Convolution c && groups == c.groups && flip == c.flip && Arrays.equals(stride, c.stride)
                && Arrays.equals(paddingLo, c.paddingLo) && Arrays.equals(paddingHi, c.paddingHi)
                && Arrays.equals(kernelDilation, c.kernelDilation) && Arrays.equals(inputDilation, c.inputDilation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(stride) + Arrays.hashCode(paddingLo) * 7 + Arrays.hashCode(paddingHi))
                + Arrays.hashCode(kernelDilation) * 13 + Arrays.hashCode(inputDilation) * 17 + groups * 2 + (flip ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Convolution[stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(paddingLo) + "/"
                + Arrays.toString(paddingHi) + ", kernelDilation=" + Arrays.toString(kernelDilation) + ", inputDilation="
                + Arrays.toString(inputDilation) + ", groups=" + groups + ", flip=" + flip + "]";
    }
}
