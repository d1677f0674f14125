package org.mlx4j.core.primitives;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;

/**
 * MLX's {@code FFT} primitive: the discrete Fourier transform over {@code axes}, forward or inverse
 * (normalised by {@code 1/n} per axis), complex to complex, or with {@code real} real to half spectrum
 * (forward, over the last of {@code axes} first) and half spectrum to real (inverse, the last axis last).
 * Its input already has the transformed lengths ({@code org.mlx4j.core.Fft} pads or slices before it):
 * COMPLEX64, or FLOAT32 for a forward real transform; for the inverse real transform the output's last
 * axis gives the length {@code n}, the input holding {@code n/2 + 1} bins.
 *
 * <p>The transforms are linear, so the jvp is the primitive applied to the tangent. The vjp is the
 * transpose under the pairing {@code Re(sum(a * b))} that the complex rules of MLX's {@code real} and
 * {@code imag} use: the complex DFT matrices are symmetric, so a transform's vjp is the same transform; the
 * real forward transform's is the real part of the forward transform of the cotangent zero-padded to
 * {@code n}; the real inverse transform's is the first {@code n/2 + 1} bins of the inverse transform of
 * the cotangent, doubled except for the zero and (even {@code n}) Nyquist bins.
 */
public record Fft(int[] axes, boolean inverse, boolean real) implements Primitive {

    @Override
    public String name() { return "FFT"; }

    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array x = primals.get(0), ct = cotangents.get(0);
        if (!real) return List.of(apply(this, Mx.astype(ct, DType.COMPLEX64), x.shape(), DType.COMPLEX64));
        int last = axes[axes.length - 1];
        Fft complex = new Fft(axes, inverse, false);
        if (!inverse) {
            int n = x.shape(last), bins = ct.shape(last);
            Array padded = ct;
            if (n > bins) {
                int[] zerosShape = ct.shape();
                zerosShape[last] = n - bins;
                padded = Mx.concatenate(List.of(ct, Mx.zeros(zerosShape, ct.dtype())), last);
            }
            return List.of(Mx.real(apply(complex, padded, padded.shape(), DType.COMPLEX64)));
        }
        int n = ct.shape(last), bins = x.shape(last);
        Array full = apply(complex, Mx.astype(ct, DType.COMPLEX64), ct.shape(), DType.COMPLEX64);
        int[] start = new int[ct.ndim()], stop = ct.shape(), step = new int[ct.ndim()];
        stop[last] = bins;
        Arrays.fill(step, 1);
        float[] weights = new float[bins];
        Arrays.fill(weights, 2f);
        weights[0] = 1f;
        if (n % 2 == 0) weights[bins - 1] = 1f;
        int[] weightShape = new int[ct.ndim()];
        Arrays.fill(weightShape, 1);
        weightShape[last] = bins;
        return List.of(Mx.multiply(Mx.slice(full, start, stop, step), Mx.array(weights, weightShape)));
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }

    private static Array apply(Fft p, Array in, int[] shape, DType dtype) { return Handles.make(p, shape, dtype, in); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fft f && Arrays.equals(f.axes, axes) && f.inverse == inverse && f.real == real;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(axes) * 4 + (inverse ? 2 : 0) + (real ? 1 : 0); }

    @Override
    public String toString() { return "FFT" + Arrays.toString(axes) + (inverse ? " inverse" : "") + (real ? " real" : ""); }
}
