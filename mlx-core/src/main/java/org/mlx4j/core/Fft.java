package org.mlx4j.core;

import java.util.Arrays;
import java.util.List;

/**
 * MLX's {@code mx.fft}: discrete Fourier transforms of any length (mixed-radix passes for lengths whose
 * prime factors are at most 13, Bluestein's algorithm for the others), on the CPU in Vector API lanes.
 *
 * <p>Rules shared by every transform, as MLX has them:
 * <ul>
 *   <li>complex transforms convert their input to COMPLEX64 and return COMPLEX64; {@code rfft*} convert
 *       it to FLOAT32 (a complex input keeps its real part) and return the {@code n/2 + 1} non-negative
 *       frequency bins; {@code irfft*} convert it to COMPLEX64 and return FLOAT32;</li>
 *   <li>a length {@code n} (or the entries of {@code s}) pads the transformed axis with zeros or truncates
 *       it first; {@code n < 0} (or a null {@code s}) means the input's length, and for {@code irfft*} the
 *       output length {@code 2 * (m - 1)} of an input with {@code m} bins;</li>
 *   <li>forward transforms are unnormalised, inverse ones divide by the product of the lengths;</li>
 *   <li>a null {@code axes} in the n-dimensional forms means every axis, or the last {@code s.length} axes
 *       when {@code s} is given; negative axes count from the end;</li>
 *   <li>bad input (a 0-d array, a length below 1, an axis out of range, repeated axes, {@code s} and
 *       {@code axes} of different lengths) throws {@link IllegalArgumentException} naming the operation.</li>
 * </ul>
 *
 * <p>The transforms are differentiable (vjp, jvp) and vmappable; their gradients use the pairing
 * {@code Re(sum(a * b))} of MLX's complex rules, under which a transform's vjp is its transpose. For
 * {@code irfft*} that is the exact transpose, where MLX's rule leaves out the {@code 1/n} and conjugates.
 *
 * <pre>{@code
 * Array x = Mx.array(new float[] {1, 2, 3, 4}, 4);
 * Array spectrum = Fft.rfft(x, -1, -1);
 * System.out.println(spectrum); // array([10+0j, -2+2j, -2+0j], dtype=complex64)
 * System.out.println(Fft.irfft(spectrum, -1, -1)); // array([1, 2, 3, 4], dtype=float32)
 * System.out.println(Fft.fftshift(Fft.fftfreq(4, 1.0))); // array([-0.5, -0.25, 0, 0.25], dtype=float32)
 * }</pre>
 */
public final class Fft {
    private Fft() {}

    /**
     * The one-dimensional DFT along {@code axis}. MLX: {@code mlx.core.fft.fft}.
     *
     * @param a the input array (any dtype; converted to COMPLEX64)
     * @param n the transformed length (the axis is padded with zeros or truncated), or negative for the axis's length
     * @param axis the axis to transform (negative counts from the end)
     * @return the COMPLEX64 transform
     * @throws IllegalArgumentException if {@code a} is 0-d, {@code n} is 0 or the axis is out of range
     */
    public static Array fft(Array a, int n, int axis) { return transform("fft", a, lengths(n), new int[] {axis}, false, false); }

    /**
     * The DFT along the last axis, at the input's length. MLX: {@code mlx.core.fft.fft}.
     *
     * @param a the input array
     * @return the COMPLEX64 transform
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array fft(Array a) { return fft(a, -1, -1); }

    /**
     * The one-dimensional inverse DFT along {@code axis}, divided by {@code n}. MLX: {@code mlx.core.fft.ifft}.
     *
     * @param a the input array (any dtype; converted to COMPLEX64)
     * @param n the transformed length, or negative for the axis's length
     * @param axis the axis to transform
     * @return the COMPLEX64 inverse transform
     * @throws IllegalArgumentException if {@code a} is 0-d, {@code n} is 0 or the axis is out of range
     */
    public static Array ifft(Array a, int n, int axis) { return transform("ifft", a, lengths(n), new int[] {axis}, false, true); }

    /**
     * The inverse DFT along the last axis, at the input's length. MLX: {@code mlx.core.fft.ifft}.
     *
     * @param a the input array
     * @return the COMPLEX64 inverse transform
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array ifft(Array a) { return ifft(a, -1, -1); }

    /**
     * The DFT of a real signal along {@code axis}: its {@code n/2 + 1} non-negative frequencies. MLX:
     * {@code mlx.core.fft.rfft}.
     *
     * @param a the input array (converted to FLOAT32; a complex input keeps its real part)
     * @param n the transformed length, or negative for the axis's length
     * @param axis the axis to transform
     * @return the COMPLEX64 half spectrum, {@code n/2 + 1} long along {@code axis}
     * @throws IllegalArgumentException if {@code a} is 0-d, {@code n} is 0 or the axis is out of range
     */
    public static Array rfft(Array a, int n, int axis) { return transform("rfft", a, lengths(n), new int[] {axis}, true, false); }

    /**
     * The real DFT along the last axis, at the input's length. MLX: {@code mlx.core.fft.rfft}.
     *
     * @param a the input array
     * @return the COMPLEX64 half spectrum
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array rfft(Array a) { return rfft(a, -1, -1); }

    /**
     * The inverse of {@link #rfft}: the real signal of {@code n} points whose half spectrum is {@code a}
     * along {@code axis} (padded or truncated to {@code n/2 + 1} bins; the imaginary parts of the zero
     * and Nyquist bins are ignored). MLX: {@code mlx.core.fft.irfft}.
     *
     * @param a the half spectrum (converted to COMPLEX64)
     * @param n the output length, or negative for {@code 2 * (m - 1)} where {@code m} is the axis's length
     * @param axis the axis to transform
     * @return the FLOAT32 signal, {@code n} long along {@code axis}
     * @throws IllegalArgumentException if {@code a} is 0-d, the output length is below 1 or the axis is out of range
     */
    public static Array irfft(Array a, int n, int axis) { return transform("irfft", a, lengths(n), new int[] {axis}, true, true); }

    /**
     * The inverse real DFT along the last axis, of {@code 2 * (m - 1)} points. MLX: {@code mlx.core.fft.irfft}.
     *
     * @param a the half spectrum
     * @return the FLOAT32 signal
     * @throws IllegalArgumentException if {@code a} is 0-d or has a single bin
     */
    public static Array irfft(Array a) { return irfft(a, -1, -1); }

    /**
     * The two-dimensional DFT over the last two axes. MLX: {@code mlx.core.fft.fft2}.
     *
     * @param a the input array, at least 2-d
     * @return the COMPLEX64 transform
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array fft2(Array a) { return fftn(a, null, LAST_TWO); }

    /**
     * The two-dimensional DFT over {@code axes} with lengths {@code s}. MLX: {@code mlx.core.fft.fft2}.
     *
     * @param a the input array
     * @param s the transformed lengths, or null for the input's
     * @param axes the axes, or null for the last {@code s.length} (or every) axes
     * @return the COMPLEX64 transform
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array fft2(Array a, int[] s, int[] axes) { return fftn(a, s, axes); }

    /**
     * The two-dimensional inverse DFT over the last two axes. MLX: {@code mlx.core.fft.ifft2}.
     *
     * @param a the input array, at least 2-d
     * @return the COMPLEX64 inverse transform
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array ifft2(Array a) { return ifftn(a, null, LAST_TWO); }

    /**
     * The two-dimensional inverse DFT over {@code axes} with lengths {@code s}. MLX: {@code mlx.core.fft.ifft2}.
     *
     * @param a the input array
     * @param s the transformed lengths, or null for the input's
     * @param axes the axes, or null for the last {@code s.length} (or every) axes
     * @return the COMPLEX64 inverse transform
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array ifft2(Array a, int[] s, int[] axes) { return ifftn(a, s, axes); }

    /**
     * The two-dimensional real DFT over the last two axes. MLX: {@code mlx.core.fft.rfft2}.
     *
     * @param a the input array, at least 2-d
     * @return the COMPLEX64 half spectrum (the last axis holds {@code n/2 + 1} bins)
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array rfft2(Array a) { return rfftn(a, null, LAST_TWO); }

    /**
     * The two-dimensional real DFT over {@code axes} with lengths {@code s}. MLX: {@code mlx.core.fft.rfft2}.
     *
     * @param a the input array
     * @param s the transformed lengths, or null for the input's
     * @param axes the axes (the last one gets the half spectrum), or null for the last {@code s.length} (or every) axes
     * @return the COMPLEX64 half spectrum
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array rfft2(Array a, int[] s, int[] axes) { return rfftn(a, s, axes); }

    /**
     * The inverse of {@link #rfft2(Array)} over the last two axes. MLX: {@code mlx.core.fft.irfft2}.
     *
     * @param a the half spectrum, at least 2-d
     * @return the FLOAT32 signal (the last axis {@code 2 * (m - 1)} long)
     * @throws IllegalArgumentException if {@code a} has fewer than 2 dimensions
     */
    public static Array irfft2(Array a) { return irfftn(a, null, LAST_TWO); }

    /**
     * The inverse of {@link #rfft2(Array, int[], int[])}: output lengths {@code s} over {@code axes}. MLX:
     * {@code mlx.core.fft.irfft2}.
     *
     * @param a the half spectrum
     * @param s the output lengths, or null (the last axis then gets {@code 2 * (m - 1)})
     * @param axes the axes, or null for the last {@code s.length} (or every) axes
     * @return the FLOAT32 signal
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array irfft2(Array a, int[] s, int[] axes) { return irfftn(a, s, axes); }

    /**
     * The n-dimensional DFT over {@code axes} with lengths {@code s}. MLX: {@code mlx.core.fft.fftn}.
     *
     * @param a the input array (converted to COMPLEX64)
     * @param s the transformed lengths (each axis padded or truncated), or null for the input's
     * @param axes the axes, or null for the last {@code s.length} axes (every axis when {@code s} is null too)
     * @return the COMPLEX64 transform
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array fftn(Array a, int[] s, int[] axes) { return transform("fftn", a, s, axes, false, false); }

    /**
     * The n-dimensional DFT over every axis. MLX: {@code mlx.core.fft.fftn}.
     *
     * @param a the input array
     * @return the COMPLEX64 transform
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array fftn(Array a) { return fftn(a, null, null); }

    /**
     * The n-dimensional inverse DFT over {@code axes} with lengths {@code s}. MLX: {@code mlx.core.fft.ifftn}.
     *
     * @param a the input array (converted to COMPLEX64)
     * @param s the transformed lengths, or null for the input's
     * @param axes the axes, or null for the last {@code s.length} (or every) axes
     * @return the COMPLEX64 inverse transform
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array ifftn(Array a, int[] s, int[] axes) { return transform("ifftn", a, s, axes, false, true); }

    /**
     * The n-dimensional inverse DFT over every axis. MLX: {@code mlx.core.fft.ifftn}.
     *
     * @param a the input array
     * @return the COMPLEX64 inverse transform
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array ifftn(Array a) { return ifftn(a, null, null); }

    /**
     * The n-dimensional real DFT: the real transform over the last of {@code axes}, then complex transforms
     * over the others. MLX: {@code mlx.core.fft.rfftn}.
     *
     * @param a the input array (converted to FLOAT32)
     * @param s the transformed lengths, or null for the input's
     * @param axes the axes, or null for the last {@code s.length} (or every) axes
     * @return the COMPLEX64 half spectrum ({@code s[-1]/2 + 1} bins along the last axis)
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array rfftn(Array a, int[] s, int[] axes) { return transform("rfftn", a, s, axes, true, false); }

    /**
     * The n-dimensional real DFT over every axis. MLX: {@code mlx.core.fft.rfftn}.
     *
     * @param a the input array
     * @return the COMPLEX64 half spectrum
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public static Array rfftn(Array a) { return rfftn(a, null, null); }

    /**
     * The inverse of {@link #rfftn(Array, int[], int[])}: inverse complex transforms over all but the last of
     * {@code axes}, then the inverse real transform over the last. MLX: {@code mlx.core.fft.irfftn}.
     *
     * @param a the half spectrum (converted to COMPLEX64)
     * @param s the output lengths, or null (the last axis then gets {@code 2 * (m - 1)})
     * @param axes the axes, or null for the last {@code s.length} (or every) axes
     * @return the FLOAT32 signal
     * @throws IllegalArgumentException on bad lengths or axes (see the class comment)
     */
    public static Array irfftn(Array a, int[] s, int[] axes) { return transform("irfftn", a, s, axes, true, true); }

    /**
     * The inverse real DFT over every axis. MLX: {@code mlx.core.fft.irfftn}.
     *
     * @param a the half spectrum
     * @return the FLOAT32 signal
     * @throws IllegalArgumentException if {@code a} is 0-d or its last axis has a single bin
     */
    public static Array irfftn(Array a) { return irfftn(a, null, null); }

    /**
     * Moves the zero frequency to the middle: rolls each of {@code axes} (every axis when none are given) by
     * half its length, {@code n / 2}. MLX: {@code mlx.core.fft.fftshift}.
     *
     * @param a the input array
     * @param axes the axes to shift, or none for every axis
     * @return the shifted array, of {@code a}'s shape and dtype
     * @throws IllegalArgumentException if an axis is out of range
     */
    public static Array fftshift(Array a, int... axes) { return shift("fftshift", a, axes, false); }

    /**
     * The inverse of {@link #fftshift}: rolls each of {@code axes} (every axis when none are given) by
     * {@code (n + 1) / 2}. MLX: {@code mlx.core.fft.ifftshift}.
     *
     * @param a the input array
     * @param axes the axes to shift, or none for every axis
     * @return the shifted array, of {@code a}'s shape and dtype
     * @throws IllegalArgumentException if an axis is out of range
     */
    public static Array ifftshift(Array a, int... axes) { return shift("ifftshift", a, axes, true); }

    /**
     * The sample frequencies of an {@code n}-point DFT with sample spacing {@code d}:
     * {@code [0, 1, ..., (n-1)/2, -(n/2), ..., -1] / (d * n)}. MLX: {@code mlx.core.fft.fftfreq}.
     *
     * @param n the transform length
     * @param d the sample spacing
     * @return a FLOAT32 vector of {@code n} frequencies
     * @throws IllegalArgumentException if {@code n < 1} or {@code d} is zero or not finite
     */
    public static Array fftfreq(int n, double d) {
        checkFrequencies("fftfreq", n, d);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = (i <= (n - 1) / 2 ? i : i - n) / (d * n);
        return Mx.array(f, DType.FLOAT32, n);
    }

    /**
     * The sample frequencies of the {@code n/2 + 1} bins of an {@code n}-point real DFT with sample spacing
     * {@code d}: {@code [0, 1, ..., n/2] / (d * n)}. MLX: {@code mlx.core.fft.rfftfreq}.
     *
     * @param n the transform length
     * @param d the sample spacing
     * @return a FLOAT32 vector of {@code n/2 + 1} frequencies
     * @throws IllegalArgumentException if {@code n < 1} or {@code d} is zero or not finite
     */
    public static Array rfftfreq(int n, double d) {
        checkFrequencies("rfftfreq", n, d);
        double[] f = new double[n / 2 + 1];
        for (int i = 0; i < f.length; i++) f[i] = i / (d * n);
        return Mx.array(f, DType.FLOAT32, f.length);
    }

    private static final int[] LAST_TWO = {-2, -1};

    private static int[] lengths(int n) { return n < 0 ? null : new int[] {n}; }

    private static void checkFrequencies(String op, int n, double d) {
        if (n < 1) throw new IllegalArgumentException(op + ": n must be at least 1, got " + n);
        if (d == 0 || !Double.isFinite(d)) throw new IllegalArgumentException(op + ": d must be finite and nonzero, got " + d);
    }

    /** MLX's {@code fft_impl}: resolve axes and lengths, pad or slice the input, convert it, then the primitive. */
    private static Array transform(String op, Array a, int[] s, int[] axes, boolean real, boolean inverse) {
        int ndim = a.ndim();
        if (ndim < 1) throw new IllegalArgumentException(op + ": needs an array with at least one dimension, got a 0-d array");
        if (axes == null) {
            int count = s == null ? ndim : s.length;
            if (count > ndim) {
                throw new IllegalArgumentException(op + ": " + count + " lengths " + Arrays.toString(s) + " for an array with "
                        + ndim + " dimensions");
            }
            axes = new int[count];
            for (int i = 0; i < count; i++) axes[i] = ndim - count + i;
        }
        if (s != null && s.length != axes.length) {
            throw new IllegalArgumentException(op + ": lengths " + Arrays.toString(s) + " and axes " + Arrays.toString(axes)
                    + " must have the same number of entries");
        }
        int[] valid = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            valid[i] = Shapes.axis(op, axes[i], ndim);
            for (int j = 0; j < i; j++) {
                if (valid[j] == valid[i]) throw new IllegalArgumentException(op + ": repeated axis " + axes[i] + " in " + Arrays.toString(axes));
            }
        }
        if (valid.length == 0) return a;
        int[] n = new int[valid.length];
        for (int i = 0; i < n.length; i++) n[i] = s != null ? s[i] : a.shape(valid[i]);
        if (s == null && real && inverse) n[n.length - 1] = 2 * (n[n.length - 1] - 1);
        for (int len : n) {
            if (len <= 0) {
                throw new IllegalArgumentException(op + ": transform lengths must be at least 1, got " + Arrays.toString(n)
                        + " for an input of shape " + Shapes.str(a.shape()) + " over axes " + Arrays.toString(axes));
            }
        }
        int last = valid[valid.length - 1];
        int[] inShape = a.shape();
        for (int i = 0; i < valid.length; i++) inShape[valid[i]] = n[i];
        if (real && inverse) inShape[last] = n[n.length - 1] / 2 + 1;
        Array in = resize(a, inShape);
        int[] outShape = inShape.clone();
        if (real) outShape[last] = inverse ? n[n.length - 1] : inShape[last] / 2 + 1;
        DType inType = real && !inverse ? DType.FLOAT32 : DType.COMPLEX64;
        DType outType = real && inverse ? DType.FLOAT32 : DType.COMPLEX64;
        return Ops.make(new org.mlx4j.core.primitives.Fft(valid, inverse, real), outShape, outType, Mx.astype(in, inType));
    }

    /** {@code a} truncated and zero-padded to {@code shape} (same rank). */
    private static Array resize(Array a, int[] shape) {
        int[] have = a.shape();
        boolean less = false, greater = false;
        for (int i = 0; i < shape.length; i++) {
            less |= shape[i] < have[i];
            greater |= shape[i] > have[i];
        }
        Array in = a;
        int[] zero = new int[shape.length];
        if (less) {
            int[] stop = new int[shape.length];
            for (int i = 0; i < stop.length; i++) stop[i] = Math.min(shape[i], have[i]);
            in = Mx.slice(in, zero, stop, null);
        }
        if (greater) in = Mx.sliceUpdate(Mx.zeros(shape, a.dtype()), in, zero, in.shape(), null);
        return in;
    }

    private static Array shift(String op, Array a, int[] axes, boolean inverse) {
        int ndim = a.ndim();
        if (axes == null || axes.length == 0) {
            axes = new int[ndim];
            for (int i = 0; i < ndim; i++) axes[i] = i;
        }
        Array out = a;
        for (int axis : axes) {
            int ax = Shapes.axis(op, axis, ndim), len = a.shape(ax);
            int k = inverse ? (len + 1) / 2 : len / 2;
            if (len == 0 || k % len == 0) continue;
            List<Array> parts = Mx.split(out, new int[] {len - k}, ax);
            out = Mx.concatenate(List.of(parts.get(1), parts.get(0)), ax);
        }
        return out;
    }
}
