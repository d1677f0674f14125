package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.backend.cpu.RandomKernels;
import org.mlx4j.core.primitives.RandomBits;

class RandomTest {
    private static final int N = 100_000;

    // ---------------------------------------------------------------- helpers

    private static Array u32(long... v) {
        int[] w = new int[v.length];
        for (int i = 0; i < v.length; i++) w[i] = (int) v[i];
        return Mx.array(MemorySegment.ofArray(w), DType.UINT32, v.length);
    }

    private static Array keys(int[] words, int... shape) {
        return Mx.array(MemorySegment.ofArray(words.clone()), DType.UINT32, shape);
    }

    private static long[] longs(Array a) { return a.toLongArray(); }

    private static double[] doubles(Array a) { return a.toDoubleArray(); }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static double centralMoment(double[] x, double m, int k) {
        double s = 0;
        for (double v : x) s += Math.pow(v - m, k);
        return s / x.length;
    }

    /**
     * MLX's layout of one key's block, written out plainly: W words, H = W/2 pairs hashed from
     * counters (j, j + H + W%2), an odd middle word from (H, 0), little bytes of the last word kept.
     */
    private static byte[] referenceBlock(int k0, int k1, int bytes) {
        int words = (bytes + 3) / 4, half = words / 2, shift = half + words % 2;
        int[] w = new int[words];
        for (int j = 0; j < half; j++) {
            long h = RandomKernels.threefry2x32(k0, k1, j, j + shift);
            w[j] = (int) h;
            w[j + shift] = (int) (h >>> 32);
        }
        if (words % 2 == 1) w[half] = (int) RandomKernels.threefry2x32(k0, k1, half, 0);
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) out[i] = (byte) (w[i / 4] >>> (8 * (i % 4)));
        return out;
    }

    /** Element values of a little-endian byte block of the given width. */
    private static long[] elements(byte[] block, int width) {
        long[] out = new long[block.length / width];
        for (int i = 0; i < out.length; i++) {
            long v = 0;
            for (int b = width - 1; b >= 0; b--) v = v << 8 | (block[i * width + b] & 0xff);
            out[i] = v;
        }
        return out;
    }

    private static DType widthType(int width) {
        return width == 4 ? DType.UINT32 : width == 2 ? DType.UINT16 : DType.UINT8;
    }

    // ---------------------------------------------------------------- threefry and bits, bit for bit

    @Nested
    class Golden {
        @Test
        void threefryKnownAnswers() {
            // Random123 kat_vectors for threefry2x32_20 (also in JAX's random tests)
            assertThat(RandomKernels.threefry2x32(0, 0, 0, 0)).isEqualTo(0x99ba4efeL << 32 | 0x6b200159L);
            assertThat(RandomKernels.threefry2x32(-1, -1, -1, -1)).isEqualTo(0xbb002be7L << 32 | 0x1cb996fcL);
            assertThat(RandomKernels.threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3))
                    .isEqualTo(0x483df7a0L << 32 | 0xc4923a9cL);
        }

        @Test
        void keysSplitTheSeedIntoHighAndLowWords() {
            Array k = Random.key(0);
            assertThat(k.dtype()).isEqualTo(DType.UINT32);
            assertThat(k.shape()).containsExactly(2);
            assertThat(longs(k)).containsExactly(0, 0);
            assertThat(longs(Random.key(1))).containsExactly(0, 1);
            assertThat(longs(Random.key(1L << 32))).containsExactly(1, 0);
            assertThat(longs(Random.key((1L << 32) + 1))).containsExactly(1, 1);
            assertThat(longs(Random.key(-1))).containsExactly(0xffffffffL, 0xffffffffL);
        }

        @Test
        void splitMatchesMlx() {
            Array s = Random.split(Random.key(0));
            assertThat(s.shape()).containsExactly(2, 2);
            assertThat(s.dtype()).isEqualTo(DType.UINT32);
            assertThat(longs(s)).containsExactly(4146024105L, 967050713L, 2718843009L, 1272950319L);
            Array s3 = Random.split(Random.key(0), 3);
            assertThat(s3.shape()).containsExactly(3, 2);
            assertThat(longs(s3)).containsExactly(2467461003L, 428148500L, 3186719485L, 3840466878L,
                    2562233961L, 1946702221L);
            assertThat(Random.split(Random.key(0), 0).shape()).containsExactly(0, 2);
        }

        @Test
        void scalarBitsMatchMlx() {
            Array k0 = Random.key(0), k1 = Random.key(1);
            Array b = Random.bits(new int[0], 4, k0);
            assertThat(b.dtype()).isEqualTo(DType.UINT32);
            assertThat(b.shape()).isEmpty();
            assertThat(b.longValue()).isEqualTo(1797259609L);
            assertThat(Random.bits(new int[0], 4, k0).longValue()).isEqualTo(1797259609L);
            assertThat(Random.bits(new int[0], 2, k0).longValue()).isEqualTo(345);
            assertThat(Random.bits(new int[0], 1, k0).longValue()).isEqualTo(89);
            assertThat(Random.bits(new int[0], 4, k1).longValue()).isEqualTo(507451445L);
            assertThat(Random.bits(new int[0], 2, k1).longValue()).isEqualTo(6197);
            assertThat(Random.bits(new int[0], 1, k1).longValue()).isEqualTo(53);
            assertThat(Random.bits(new int[0], 2, k1).dtype()).isEqualTo(DType.UINT16);
            assertThat(Random.bits(new int[0], 1, k1).dtype()).isEqualTo(DType.UINT8);
        }

        @Test
        void arrayBitsMatchMlx() {
            Array k = Random.key(0);
            Array b = Random.bits(new int[] {3, 1}, k);
            assertThat(b.shape()).containsExactly(3, 1);
            assertThat(longs(b)).containsExactly(4146024105L, 1351547692L, 2718843009L);
            assertThat(longs(Random.bits(new int[] {5}, 2, k))).containsExactly(20137, 63263, 64300, 20622, 16513);
            assertThat(longs(Random.bits(new int[] {6}, 2, k))).containsExactly(20137, 63263, 64300, 20622, 16513, 41486);
            assertThat(longs(Random.bits(new int[] {7}, 2, k)))
                    .containsExactly(20137, 63263, 1497, 14756, 16513, 41486, 44591);
            assertThat(longs(Random.bits(new int[] {8}, 2, k)))
                    .containsExactly(20137, 63263, 1497, 14756, 16513, 41486, 44591, 19423);
            assertThat(Random.bits(new int[] {0}, k).size()).isZero();
        }

        @Test
        void batchedKeysFillOneBlockEach() {
            // MLX's vmap expectations: keys (0,0) and (1,1), three words each
            Array k = keys(new int[] {0, 0, 1, 1}, 2, 2);
            Array b = Ops.make(new RandomBits(new int[] {2, 3}, 4), new int[] {2, 3}, DType.UINT32, k);
            assertThat(longs(b)).containsExactly(4146024105L, 1351547692L, 2718843009L,
                    3725146706L, 1802982961L, 1349634643L);
            // the columns of the same keys, read through a transposed (strided) view: (0,1) twice
            Array cols = Mx.transpose(k);
            b = Ops.make(new RandomBits(new int[] {2, 3}, 4), new int[] {2, 3}, DType.UINT32, cols);
            assertThat(longs(b)).containsExactly(2441914641L, 1110694964L, 3819641963L,
                    2441914641L, 1110694964L, 3819641963L);
            // a [3, 2] batch of keys, two words each
            Array k3 = keys(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, 3, 2, 2);
            b = Ops.make(new RandomBits(new int[] {3, 2, 2}, 4), new int[] {3, 2, 2}, DType.UINT32, k3);
            assertThat(longs(b)).containsExactly(928981903L, 3453687069L, 3606183818L, 460005496L,
                    2799733733L, 856293553L, 4081856343L, 3445925136L,
                    2775548010L, 1430281703L, 305173070L, 2615843348L);
            Array k3t = Mx.transpose(k3, 0, 2, 1);
            b = Ops.make(new RandomBits(new int[] {3, 2, 2}, 4), new int[] {3, 2, 2}, DType.UINT32, k3t);
            assertThat(longs(b)).containsExactly(1948878966L, 4237131848L, 1948878966L, 4237131848L,
                    2531170506L, 1858648356L, 2531170506L, 1858648356L,
                    740561898L, 4234094099L, 740561898L, 4234094099L);
        }

        @Test
        void vmapOverKeysMatchesMlx() {
            Array k = keys(new int[] {0, 0, 1, 1}, 2, 2);
            java.util.function.Function<Array, Array> fn = key -> Random.bits(new int[] {3}, key);
            Array rows = Mx.vmap(fn, 0, 0).apply(k);
            assertThat(rows.shape()).containsExactly(2, 3);
            assertThat(longs(rows)).containsExactly(4146024105L, 1351547692L, 2718843009L,
                    3725146706L, 1802982961L, 1349634643L);
            assertThat(longs(Mx.vmap(fn, 1, 0).apply(k))).containsExactly(2441914641L, 1110694964L, 3819641963L,
                    2441914641L, 1110694964L, 3819641963L);
            Array k3 = keys(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, 3, 2, 2);
            java.util.function.Function<Array, Array> fn2 = key -> Random.bits(new int[] {2}, key);
            assertThat(longs(Mx.vmap(Mx.vmap(fn2, 0, 0), 0, 0).apply(k3))).containsExactly(
                    928981903L, 3453687069L, 3606183818L, 460005496L,
                    2799733733L, 856293553L, 4081856343L, 3445925136L,
                    2775548010L, 1430281703L, 305173070L, 2615843348L);
            assertThat(longs(Mx.vmap(Mx.vmap(fn2, 1, 0), 0, 0).apply(k3))).containsExactly(
                    1948878966L, 4237131848L, 1948878966L, 4237131848L,
                    2531170506L, 1858648356L, 2531170506L, 1858648356L,
                    740561898L, 4234094099L, 740561898L, 4234094099L);
            // a narrow type under vmap: each row is that key's own draw
            long[] narrow = longs(Mx.vmap(key -> Random.bits(new int[] {5}, 2, key), 0, 0).apply(k));
            assertThat(Arrays.copyOfRange(narrow, 0, 5)).containsExactly(longs(Random.bits(new int[] {5}, 2, u32(0, 0))));
            assertThat(Arrays.copyOfRange(narrow, 5, 10)).containsExactly(longs(Random.bits(new int[] {5}, 2, u32(1, 1))));
        }

        @Test
        void uniformMatchesMlx() {
            float max = 4294967295f;
            Array u = Random.uniform(new int[0], DType.FLOAT32, Random.key(0));
            assertThat(u.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(u.floatValue()).isEqualTo((float) 1797259609L / max);
            assertThat(Random.uniform(new int[0], DType.FLOAT32, Random.key(1)).floatValue())
                    .isEqualTo((float) 507451445L / max);
            float[] v = Random.uniform(new int[] {3, 1}, DType.FLOAT32, Random.key(0)).toFloatArray();
            assertThat(v).containsExactly((float) 4146024105L / max, (float) 1351547692L / max,
                    (float) 2718843009L / max);
        }
    }

    // ---------------------------------------------------------------- layout against a plain reference

    @Nested
    class Layout {
        @Test
        void everyWidthAndLengthMatchesTheReference() {
            java.util.Random r = new java.util.Random(11);
            for (int width : new int[] {1, 2, 4}) {
                for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 31, 33, 63, 65, 129, 1000, 4097}) {
                    int k0 = r.nextInt(), k1 = r.nextInt();
                    Array b = Random.bits(new int[] {n}, width, u32(k0, k1));
                    assertThat(b.dtype()).isEqualTo(widthType(width));
                    assertThat(longs(b)).as("width %d, n %d", width, n)
                            .containsExactly(elements(referenceBlock(k0, k1, n * width), width));
                }
            }
        }

        @Test
        void largeOutputsUseEveryThreadAndStayExact() {
            int n = 300_007; // odd word count, vector tail, several parallel chunks
            Array b = Random.bits(new int[] {n}, 4, Random.key(123456789L));
            assertThat(longs(b)).containsExactly(elements(referenceBlock(0, 123456789, 4 * n), 4));
            Array b1 = Random.bits(new int[] {n}, 1, Random.key(-5));
            assertThat(longs(b1)).containsExactly(elements(referenceBlock(-1, -5, n), 1));
        }

        @Test
        void manyKeysWithUnalignedBlocks() {
            java.util.Random r = new java.util.Random(12);
            int numKeys = 37;
            int[] words = new int[2 * numKeys];
            for (int i = 0; i < words.length; i++) words[i] = r.nextInt();
            Array k = keys(words, numKeys, 2);
            for (int width : new int[] {1, 2, 4}) {
                for (int n : new int[] {1, 3, 5, 11, 2000}) {
                    Array b = Ops.make(new RandomBits(new int[] {numKeys, n}, width), new int[] {numKeys, n},
                            widthType(width), k);
                    long[] got = longs(b);
                    for (int i = 0; i < numKeys; i++) {
                        long[] want = elements(referenceBlock(words[2 * i], words[2 * i + 1], n * width), width);
                        assertThat(Arrays.copyOfRange(got, i * n, (i + 1) * n)).as("key %d width %d n %d", i, width, n)
                                .containsExactly(want);
                    }
                }
            }
        }

        @Test
        void sameKeySameBitsOtherKeyOtherBits() {
            Array k = Random.key(42);
            assertThat(longs(Random.bits(new int[] {64}, k))).containsExactly(longs(Random.bits(new int[] {64}, k)));
            assertThat(longs(Random.bits(new int[] {64}, Random.key(43))))
                    .isNotEqualTo(longs(Random.bits(new int[] {64}, k)));
        }
    }

    // ---------------------------------------------------------------- the global key sequence

    @Nested
    class GlobalState {
        @Test
        void reseedingRepeatsTheSequence() {
            Random.seed(4);
            long[] x = longs(Random.bits(new int[] {5}, null)), y = longs(Random.bits(new int[] {5}, null));
            Random.seed(4);
            assertThat(longs(Random.bits(new int[] {5}, null))).containsExactly(x);
            assertThat(longs(Random.bits(new int[] {5}, null))).containsExactly(y);
            assertThat(x).isNotEqualTo(y);
        }

        @Test
        void eachUseSplitsTheStateAndTakesTheSecondKey() {
            Random.seed(7);
            long[] a = longs(Random.bits(new int[] {4}, null));
            float[] u2 = Random.uniform(new int[] {3}, DType.FLOAT32, null).toFloatArray();
            float[] u3 = Random.uniform(new int[] {3}, DType.FLOAT32, null).toFloatArray();
            long[] s1 = longs(Random.split(Random.key(7)));
            assertThat(a).containsExactly(longs(Random.bits(new int[] {4}, u32(s1[2], s1[3]))));
            long[] s2 = longs(Random.split(u32(s1[0], s1[1])));
            assertThat(u2).containsExactly(Random.uniform(new int[] {3}, DType.FLOAT32, u32(s2[2], s2[3])).toFloatArray());
            long[] s3 = longs(Random.split(u32(s2[0], s2[1])));
            assertThat(u3).containsExactly(Random.uniform(new int[] {3}, DType.FLOAT32, u32(s3[2], s3[3])).toFloatArray());
            assertThat(u2).isNotEqualTo(u3);
        }
    }

    // ---------------------------------------------------------------- distributions

    @Nested
    class Distributions {
        @Test
        void uniformMomentsAndRange() {
            Array u = Random.uniform(-1, 5, new int[] {N}, DType.FLOAT32, Random.key(1));
            assertThat(u.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(u.shape()).containsExactly(N);
            double[] x = doubles(u);
            for (double v : x) assertThat(v).isGreaterThanOrEqualTo(-1).isLessThan(5);
            double m = mean(x);
            assertThat(m).isCloseTo(2.0, within(0.03));
            assertThat(centralMoment(x, m, 2)).isCloseTo(3.0, within(0.05));
        }

        @Test
        void uniformHalfTypesStayBelowOne() {
            for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16, DType.FLOAT64}) {
                Array u = Random.uniform(new int[] {20_000}, t, Random.key(3));
                assertThat(u.dtype()).isEqualTo(t);
                double[] x = doubles(u);
                for (double v : x) assertThat(v).isGreaterThanOrEqualTo(0).isLessThan(1);
                assertThat(mean(x)).as("%s", t).isCloseTo(0.5, within(0.01));
            }
            // the largest draw is capped at the value just below one
            Array top = Random.uniform(Mx.array(0.0, DType.FLOAT32), Mx.array(1.0, DType.FLOAT32), new int[0],
                    DType.FLOAT32, u32(0, 0));
            assertThat(top.floatValue()).isLessThan(1f);
        }

        @Test
        void uniformArrayBoundsBroadcast() {
            Array lo = Mx.reshape(Mx.array(new double[] {0, 10, 20}), 3, 1);
            Array hi = Mx.reshape(Mx.array(new double[] {1, 2}), 1, 2);
            Array u = Random.uniform(lo, Mx.add(lo, hi), new int[] {3, 2}, DType.FLOAT32, Random.key(5));
            assertThat(u.shape()).containsExactly(3, 2);
            double[] x = doubles(u);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) assertThat(x[2 * i + j]).isBetween(10.0 * i, 10.0 * i + j + 1);
            }
            assertThatThrownBy(() -> Random.uniform(Mx.zeros(3, 3), Mx.ones(3, 3), new int[] {1, 3}, DType.FLOAT32, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uniform");
        }

        @Test
        void normalMoments() {
            Array n = Random.normal(new int[] {N}, DType.FLOAT32, Random.key(2));
            assertThat(n.dtype()).isEqualTo(DType.FLOAT32);
            double[] x = doubles(n);
            for (double v : x) assertThat(Double.isFinite(v)).isTrue();
            double m = mean(x), var = centralMoment(x, m, 2);
            assertThat(m).isCloseTo(0, within(0.02));
            assertThat(var).isCloseTo(1, within(0.03));
            assertThat(centralMoment(x, m, 3) / Math.pow(var, 1.5)).isCloseTo(0, within(0.05));
            assertThat(centralMoment(x, m, 4) / (var * var)).isCloseTo(3, within(0.1));
        }

        @Test
        void normalLocScaleAndHalfTypes() {
            Array k = Random.key(9);
            double[] std = doubles(Random.normal(new int[] {3, 2}, DType.FLOAT32, k));
            double[] scaled = doubles(Random.normal(new int[] {3, 2}, DType.FLOAT32, 1.0, 2.0, k));
            for (int i = 0; i < std.length; i++) assertThat(scaled[i]).isCloseTo(2 * std[i] + 1, within(1e-5));
            for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
                Array h = Random.normal(new int[] {10_000}, t, Random.key(4));
                assertThat(h.dtype()).isEqualTo(t);
                double[] x = doubles(h);
                for (double v : x) assertThat(Double.isFinite(v)).as("%s", t).isTrue();
                assertThat(mean(x)).isCloseTo(0, within(0.05));
            }
            Array loc = Mx.reshape(Mx.array(new double[] {-5, 5}), 2, 1);
            Array s = Random.normal(new int[] {2, 1000}, DType.FLOAT32, loc, null, Random.key(4));
            double[] x = doubles(s);
            assertThat(mean(Arrays.copyOfRange(x, 0, 1000))).isCloseTo(-5, within(0.15));
            assertThat(mean(Arrays.copyOfRange(x, 1000, 2000))).isCloseTo(5, within(0.15));
            assertThatThrownBy(() -> Random.normal(new int[] {2, 10, 2}, DType.FLOAT32, Mx.zeros(10), null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normal");
        }

        @Test
        void truncatedNormalMomentsAndBounds() {
            double a = -1, b = 2;
            Array t = Random.truncatedNormal(a, b, new int[] {N}, DType.FLOAT32, Random.key(6));
            assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
            double[] x = doubles(t);
            for (double v : x) assertThat(v).isBetween(a, b);
            // the moments of the truncated density, by Simpson's rule
            int steps = 20_000;
            double h = (b - a) / steps, z = 0, m1 = 0, m2 = 0;
            for (int i = 0; i <= steps; i++) {
                double v = a + i * h, w = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2);
                double p = w * Math.exp(-v * v / 2);
                z += p;
                m1 += p * v;
                m2 += p * v * v;
            }
            double mu = m1 / z, var = m2 / z - mu * mu;
            double m = mean(x);
            assertThat(m).isCloseTo(mu, within(0.01));
            assertThat(centralMoment(x, m, 2)).isCloseTo(var, within(0.01));
        }

        @Test
        void truncatedNormalBroadcastAndInvertedBounds() {
            Array lower = Mx.reshape(Mx.array(new double[] {-2, 0}), 1, 2);
            Array upper = Mx.reshape(Mx.array(new double[] {0, 1, 2}), 3, 1);
            Array t = Random.truncatedNormal(lower, upper, new int[] {3, 2}, DType.FLOAT32, Random.key(1));
            assertThat(t.shape()).containsExactly(3, 2);
            double[] x = doubles(t);
            double[] lo = {-2, 0}, hi = {0, 1, 2};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    if (lo[j] <= hi[i]) assertThat(x[2 * i + j]).isBetween(lo[j], hi[i]);
                }
            }
            double[] inverted = doubles(Random.truncatedNormal(2, -2, new int[] {10}, DType.FLOAT32, Random.key(1)));
            for (double v : inverted) assertThat(v).isEqualTo(2.0);
            Array half = Random.truncatedNormal(-3, 3, new int[] {4, 5}, DType.FLOAT16, Random.key(1));
            assertThat(half.dtype()).isEqualTo(DType.FLOAT16);
            assertThat(half.shape()).containsExactly(4, 5);
            assertThatThrownBy(() -> Random.truncatedNormal(lower, upper, new int[] {4, 2}, DType.FLOAT32, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncatedNormal");
        }

        @Test
        void gumbelMoments() {
            Array g = Random.gumbel(new int[] {N}, DType.FLOAT32, Random.key(8));
            assertThat(g.dtype()).isEqualTo(DType.FLOAT32);
            double[] x = doubles(g);
            double m = mean(x);
            assertThat(m).isCloseTo(0.5772156649, within(0.02));
            assertThat(centralMoment(x, m, 2)).isCloseTo(Math.PI * Math.PI / 6, within(0.05));
            assertThat(Random.gumbel(new int[] {2, 3}, DType.BFLOAT16, null).dtype()).isEqualTo(DType.BFLOAT16);
        }

        @Test
        void randintRangeAndFrequencies() {
            Array r = Random.randint(3, 15, new int[] {N}, DType.INT32, Random.key(10));
            assertThat(r.dtype()).isEqualTo(DType.INT32);
            long[] x = longs(r);
            int[] counts = new int[12];
            for (long v : x) {
                assertThat(v).isBetween(3L, 14L);
                counts[(int) v - 3]++;
            }
            for (int c : counts) assertThat(c / (double) N).isCloseTo(1 / 12.0, within(0.006));
            long[] neg = longs(Random.randint(-10, 10, new int[] {1000}, DType.INT32, Random.key(11)));
            for (long v : neg) assertThat(v).isBetween(-10L, 9L);
            assertThat(Arrays.stream(neg).min().getAsLong()).isEqualTo(-10);
            assertThat(Arrays.stream(neg).max().getAsLong()).isEqualTo(9);
        }

        @Test
        void randintIsLowPlusBitsModuloWidth() {
            Array k = Random.key(12);
            long[] bits = longs(Random.bits(new int[] {500}, k));
            long[] r = longs(Random.randint(-7, 1000, new int[] {500}, DType.INT32, k));
            for (int i = 0; i < bits.length; i++) assertThat(r[i]).isEqualTo(-7 + bits[i] % 1007);
            // a width of 2^32 or more keeps the draw itself, wrapped to the dtype
            long[] wide = longs(Random.randint(0, 1L << 40, new int[] {500}, DType.INT32, k));
            for (int i = 0; i < bits.length; i++) assertThat(wide[i]).isEqualTo((long) (int) bits[i]);
            long[] i8 = longs(Random.randint(-100, 100, new int[] {500}, DType.INT8, k));
            for (int i = 0; i < bits.length; i++) assertThat(i8[i]).isEqualTo(-100 + bits[i] % 200);
        }

        @Test
        void randintDtypesAndEmptyIntervals() {
            for (DType t : new DType[] {DType.INT8, DType.INT16, DType.INT32, DType.UINT8, DType.UINT16, DType.UINT32}) {
                Array r = Random.randint(0, 100, new int[] {2, 50}, t, Random.key(13));
                assertThat(r.dtype()).isEqualTo(t);
                assertThat(r.shape()).containsExactly(2, 50);
                for (long v : longs(r)) assertThat(v).isBetween(0L, 99L);
            }
            Array b = Random.randint(0, 2, new int[] {10_000}, DType.BOOL, Random.key(13));
            assertThat(b.dtype()).isEqualTo(DType.BOOL);
            double ones = 0;
            for (boolean v : b.toBooleanArray()) ones += v ? 1 : 0;
            assertThat(ones / 10_000).isCloseTo(0.5, within(0.03));
            for (long v : longs(Random.randint(10, -10, new int[] {3, 3}, DType.INT32, null))) assertThat(v).isEqualTo(10);
            for (long v : longs(Random.randint(5, 5, new int[] {4}, DType.INT16, null))) assertThat(v).isEqualTo(5);
            assertThat(Random.randint(0, 1, new int[0], DType.INT32, null).shape()).isEmpty();
        }

        @Test
        void randint64CombinesTwoDrawsOfTheSplitKey() {
            Array k = Random.key(42);
            long[] s = longs(Random.split(k));
            long[] lo = longs(Random.bits(new int[] {2000}, u32(s[0], s[1])));
            long[] hi = longs(Random.bits(new int[] {2000}, u32(s[2], s[3])));
            long base = 1L << 40;
            long[] r = longs(Random.randint(base, base + 1024, new int[] {2000}, DType.INT64, k));
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < r.length; i++) {
                long raw = hi[i] << 32 | lo[i];
                assertThat(r[i]).isEqualTo(base + Long.remainderUnsigned(raw, 1024));
                seen.add(r[i]);
            }
            assertThat(seen.size()).isGreaterThan(800);
            // the widest interval: 2^64 - 1 values
            long[] w = longs(Random.randint(Long.MIN_VALUE, Long.MAX_VALUE, new int[] {2000}, DType.INT64, k));
            for (int i = 0; i < w.length; i++) {
                long raw = hi[i] << 32 | lo[i];
                assertThat(w[i]).isEqualTo(Long.MIN_VALUE + Long.remainderUnsigned(raw, -1L));
            }
            // uint64 bounds compare unsigned: [2^63, 2^64 - 1) is not empty
            Array u = Random.randint(Long.MIN_VALUE, -1L, new int[] {2000}, DType.UINT64, k);
            assertThat(u.dtype()).isEqualTo(DType.UINT64);
            byte[] bytes = u.toBytes();
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder());
            for (int i = 0; i < 2000; i++) {
                long raw = hi[i] << 32 | lo[i];
                assertThat(bb.getLong(8 * i)).isEqualTo(Long.MIN_VALUE + Long.remainderUnsigned(raw, Long.MAX_VALUE));
            }
        }

        @Test
        void bernoulliFrequencyAndEdges() {
            Array b = Random.bernoulli(0.3, new int[] {N}, Random.key(14));
            assertThat(b.dtype()).isEqualTo(DType.BOOL);
            double ones = 0;
            for (boolean v : b.toBooleanArray()) ones += v ? 1 : 0;
            assertThat(ones / N).isCloseTo(0.3, within(0.006));
            for (boolean v : Random.bernoulli(1.0, new int[] {1000}, null).toBooleanArray()) assertThat(v).isTrue();
            for (boolean v : Random.bernoulli(0.0, new int[] {1000}, null).toBooleanArray()) assertThat(v).isFalse();
            assertThat(Random.bernoulli(Mx.array(new double[] {2.0, -2.0}), null).toBooleanArray())
                    .containsExactly(true, false);
            Array p = Mx.reshape(Mx.array(new double[] {0.1, 0.2, 0.3}), 1, 3);
            assertThat(Random.bernoulli(p, new int[] {4, 3}, null).shape()).containsExactly(4, 3);
            assertThatThrownBy(() -> Random.bernoulli(Mx.array(new double[] {0.1, 0.2, 0.3}), new int[] {2}, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bernoulli");
            assertThatThrownBy(() -> Random.bernoulli(Mx.array(1), new int[] {2}, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
        }

        @Test
        void categoricalFrequenciesFollowSoftmax() {
            double[] logits = {0.1, 1.0, -0.5, 2.0};
            Array c = Random.categorical(Mx.array(logits), 0, N, Random.key(15));
            assertThat(c.dtype()).isEqualTo(DType.UINT32);
            assertThat(c.shape()).containsExactly(N);
            double z = 0;
            for (double l : logits) z += Math.exp(l);
            int[] counts = new int[4];
            for (long v : longs(c)) counts[(int) v]++;
            for (int i = 0; i < 4; i++) assertThat(counts[i] / (double) N).isCloseTo(Math.exp(logits[i]) / z, within(0.008));
        }

        @Test
        void categoricalShapes() {
            Array logits = Mx.zeros(10, 20);
            assertThat(Random.categorical(logits, -1, null).shape()).containsExactly(10);
            assertThat(Random.categorical(logits, 0, null).shape()).containsExactly(20);
            Array c = Random.categorical(logits, 0, new int[] {5, 20}, null);
            assertThat(c.shape()).containsExactly(5, 20);
            for (long v : longs(c)) assertThat(v).isBetween(0L, 9L);
            assertThat(Random.categorical(logits, 1, 7, null).shape()).containsExactly(10, 7);
            assertThat(Random.categorical(logits, 0, 7, null).shape()).containsExactly(20, 7);
            assertThatThrownBy(() -> Random.categorical(logits, 2, null)).hasMessageContaining("categorical");
            assertThatThrownBy(() -> Random.categorical(logits, -3, null)).hasMessageContaining("categorical");
            assertThatThrownBy(() -> Random.categorical(logits, 1, new int[] {11}, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(11,)");
            // the same key picks the same categories
            Array k = Random.key(3);
            Array l = Random.uniform(-2, 2, new int[] {6, 9}, DType.FLOAT32, Random.key(4));
            assertThat(longs(Random.categorical(l, 1, k))).containsExactly(longs(Random.categorical(l, 1, k)));
        }

        @Test
        void permutationOfN() {
            Array k = Random.key(16);
            Array p = Random.permutation(1000, k);
            assertThat(p.dtype()).isEqualTo(DType.UINT32);
            assertThat(p.shape()).containsExactly(1000);
            long[] v = longs(p);
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 1000; i++) assertThat(sorted[i]).isEqualTo(i);
            assertThat(v).isNotEqualTo(sorted);
            // the argsort of the key's bits
            long[] bits = longs(Random.bits(new int[] {1000}, k));
            for (int i = 1; i < 1000; i++) assertThat(bits[(int) v[i - 1]]).isLessThanOrEqualTo(bits[(int) v[i]]);
            assertThat(longs(Random.permutation(1000, k))).containsExactly(v);
            assertThat(Random.permutation(0, k).shape()).containsExactly(0);
            assertThatThrownBy(() -> Random.permutation(-1, k)).hasMessageContaining("permutation");
        }

        @Test
        void permutationOfArrays() {
            Array x = Mx.reshape(Mx.arange(16), 4, 4);
            Array k = Random.key(17);
            long[] perm = longs(Random.permutation(4, k));
            Array rows = Random.permutation(x, k);
            assertThat(rows.shape()).containsExactly(4, 4);
            assertThat(rows.dtype()).isEqualTo(DType.INT32);
            int[] r = rows.toIntArray();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) assertThat(r[4 * i + j]).isEqualTo((int) (4 * perm[i] + j));
            }
            int[] c = Random.permutation(x, 1, k).toIntArray();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) assertThat(c[4 * i + j]).isEqualTo((int) (4 * i + perm[j]));
            }
            long[] big = longs(Random.permutation(Mx.arange(16384), null));
            long[] sorted = big.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) assertThat(sorted[i]).isEqualTo(i);
            Array one = Random.permutation(Mx.array(new int[] {1}, 1, 1), null);
            assertThat(one.shape()).containsExactly(1, 1);
            assertThatThrownBy(() -> Random.permutation(Mx.array(3), null)).hasMessageContaining("permutation");
        }
    }

    // ---------------------------------------------------------------- bad input

    @Nested
    class BadInput {
        @Test
        void widthMustBeOneTwoOrFour() {
            for (int w : new int[] {0, 3, 5, -1, 8}) {
                assertThatThrownBy(() -> Random.bits(new int[] {2}, w, Random.key(0)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits")
                        .hasMessageContaining("width").hasMessageContaining(Integer.toString(w));
            }
        }

        @Test
        void keysMustBeUint32OfShapeTwo() {
            Array[] bad = {
                Mx.array(new int[] {0, 0}), keys(new int[] {0, 0}, 1, 2), u32(0, 0, 0), keys(new int[] {0, 0}, 2, 1),
            };
            for (Array k : bad) {
                assertThatThrownBy(() -> Random.uniform(new int[0], DType.FLOAT32, k))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits")
                        .hasMessageContaining("uint32").hasMessageContaining(Shapes.str(k.shape()));
                assertThatThrownBy(() -> Random.normal(new int[0], DType.FLOAT32, k)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> Random.randint(0, 5, new int[0], DType.INT32, k))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> Random.split(k, 2)).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> Random.randint(0, 5, new int[0], DType.INT64, Mx.array(new int[] {0, 0})))
                    .hasMessageContaining("randint");
        }

        @Test
        void dtypesAndBounds() {
            assertThatThrownBy(() -> Random.uniform(new int[0], DType.INT32, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uniform").hasMessageContaining("int32");
            assertThatThrownBy(() -> Random.uniform(5, 1, new int[] {3}, DType.FLOAT32, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low <= high");
            assertThatThrownBy(() -> Random.uniform(0, Double.NaN, new int[] {3}, DType.FLOAT32, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(doubles(Random.uniform(2, 2, new int[] {3}, DType.FLOAT32, null))).containsOnly(2.0);
            assertThatThrownBy(() -> Random.normal(new int[0], DType.INT32, null)).hasMessageContaining("normal");
            assertThatThrownBy(() -> Random.normal(new int[0], DType.COMPLEX64, null)).hasMessageContaining("complex64");
            assertThatThrownBy(() -> Random.gumbel(new int[0], DType.UINT8, null)).hasMessageContaining("gumbel");
            assertThatThrownBy(() -> Random.truncatedNormal(-1, 1, new int[0], DType.INT32, null))
                    .hasMessageContaining("truncatedNormal");
            assertThatThrownBy(() -> Random.randint(0, 5, new int[0], DType.FLOAT32, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("randint").hasMessageContaining("float32");
            assertThatThrownBy(() -> Random.bits(new int[] {-1}, 4, null)).hasMessageContaining("bits");
            assertThatThrownBy(() -> Random.split(Random.key(0), -2)).hasMessageContaining("split");
            assertThatThrownBy(() -> Random.categorical(Mx.zeros(3), 0, -1, null)).hasMessageContaining("categorical");
        }
    }
}
