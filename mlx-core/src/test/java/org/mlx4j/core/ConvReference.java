package org.mlx4j.core;

/**
 * Plain float64 convolutions for the tests, written from the definitions: {@link #general} visits every
 * output element and every tap and asks where the tap lands in the dilated, padded input;
 * {@link #transpose} scatters each input element through the kernel into the output, the way a transposed
 * convolution is usually explained, so it shares no index arithmetic with {@link #general}.
 */
final class ConvReference {
    private ConvReference() {}

    /** The shape and values of a channels-last array. */
    record Tensor(int[] shape, double[] values) {}

    static Tensor general(double[] x, int[] xs, double[] w, int[] ws, int[] stride, int[] lo, int[] hi, int[] kDil,
                          int[] inDil, int groups, boolean flip) {
        int d = xs.length - 2, n = xs[0], c = xs[d + 1], o = ws[0], cg = ws[d + 1], og = o / groups;
        int[] out = new int[d + 2];
        out[0] = n;
        out[d + 1] = o;
        for (int i = 0; i < d; i++) {
            int dilatedIn = (xs[i + 1] - 1) * inDil[i] + 1, dilatedK = (ws[i + 1] - 1) * kDil[i] + 1;
            out[i + 1] = Math.floorDiv(dilatedIn + lo[i] + hi[i] - dilatedK, stride[i]) + 1;
        }
        int outSpatial = 1, kSpatial = 1;
        for (int i = 0; i < d; i++) {
            outSpatial *= out[i + 1];
            kSpatial *= ws[i + 1];
        }
        double[] y = new double[n * outSpatial * o];
        int[] pos = new int[d], tap = new int[d];
        for (int b = 0; b < n; b++) {
            for (int op = 0; op < outSpatial; op++) {
                unravel(op, out, 1, pos);
                for (int oc = 0; oc < o; oc++) {
                    int g = oc / og;
                    double acc = 0;
                    for (int kp = 0; kp < kSpatial; kp++) {
                        unravel(kp, ws, 1, tap);
                        long inIndex = b;
                        boolean inside = true;
                        for (int i = 0; i < d; i++) {
                            int t = flip ? ws[i + 1] - 1 - tap[i] : tap[i];
                            int padded = pos[i] * stride[i] + t * kDil[i];
                            int dilated = padded - lo[i];
                            if (dilated < 0 || dilated % inDil[i] != 0 || dilated / inDil[i] >= xs[i + 1]) {
                                inside = false;
                                break;
                            }
                            inIndex = inIndex * xs[i + 1] + dilated / inDil[i];
                        }
                        if (!inside) continue;
                        for (int ci = 0; ci < cg; ci++) {
                            acc += x[(int) (inIndex * c + g * cg + ci)] * w[(oc * kSpatial + kp) * cg + ci];
                        }
                    }
                    y[(b * outSpatial + op) * o + oc] = acc;
                }
            }
        }
        return new Tensor(out, y);
    }

    /**
     * The transposed convolution: input element {@code i} adds {@code x[i] * w[k]} at output position
     * {@code i * stride + k * dilation - padding}, for the output of extent
     * {@code (in - 1) stride - 2 padding + dilation (k - 1) + outputPadding + 1}.
     */
    static Tensor transpose(double[] x, int[] xs, double[] w, int[] ws, int[] stride, int[] padding, int[] dilation,
                            int[] outputPadding, int groups) {
        int d = xs.length - 2, n = xs[0], c = xs[d + 1], o = ws[0], cg = ws[d + 1], og = o / groups;
        int[] out = new int[d + 2];
        out[0] = n;
        out[d + 1] = o;
        int inSpatial = 1, kSpatial = 1, outSpatial = 1;
        for (int i = 0; i < d; i++) {
            out[i + 1] = (xs[i + 1] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (ws[i + 1] - 1) + outputPadding[i] + 1;
            inSpatial *= xs[i + 1];
            kSpatial *= ws[i + 1];
            outSpatial *= out[i + 1];
        }
        double[] y = new double[n * outSpatial * o];
        int[] pos = new int[d], tap = new int[d];
        for (int b = 0; b < n; b++) {
            for (int ip = 0; ip < inSpatial; ip++) {
                unravel(ip, xs, 1, pos);
                for (int kp = 0; kp < kSpatial; kp++) {
                    unravel(kp, ws, 1, tap);
                    int outIndex = b;
                    boolean inside = true;
                    for (int i = 0; i < d; i++) {
                        int at = pos[i] * stride[i] + tap[i] * dilation[i] - padding[i];
                        if (at < 0 || at >= out[i + 1]) {
                            inside = false;
                            break;
                        }
                        outIndex = outIndex * out[i + 1] + at;
                    }
                    if (!inside) continue;
                    for (int oc = 0; oc < o; oc++) {
                        int g = oc / og;
                        for (int ci = 0; ci < cg; ci++) {
                            y[outIndex * o + oc] += x[(b * inSpatial + ip) * c + g * cg + ci] * w[(oc * kSpatial + kp) * cg + ci];
                        }
                    }
                }
            }
        }
        return new Tensor(out, y);
    }

    /** numpy.convolve, from its definition {@code (a * v)[k] = sum_m a[m] v[k - m]}. */
    static double[] convolve(double[] a, double[] v, String mode) {
        int m = a.length, n = v.length;
        double[] full = new double[m + n - 1];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) full[i + j] += a[i] * v[j];
        int len = switch (mode) {
            case "full" -> m + n - 1;
            case "same" -> Math.max(m, n);
            default -> Math.max(m, n) - Math.min(m, n) + 1;
        };
        int start = (full.length - len) / 2;
        return java.util.Arrays.copyOfRange(full, start, start + len);
    }

    /** Row-major coordinates of {@code flat} over {@code shape[from .. from + pos.length)}. */
    private static void unravel(int flat, int[] shape, int from, int[] pos) {
        for (int i = pos.length - 1; i >= 0; i--) {
            pos[i] = flat % shape[from + i];
            flat /= shape[from + i];
        }
    }
}
