package org.mlx4j.core;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.mlx4j.core.backend.cpu.RandomKernels;
import org.mlx4j.core.primitives.RandomBits;

/**
 * MLX's {@code mx.random}: counter-based Threefry-2x32 keys and the distributions built on their bits.
 *
 * <p>A key is a UINT32 array of shape {@code [2]}; the same key always gives the same values, bit
 * for bit equal to MLX's. Every method takes a {@code key}; {@code null} means the global state,
 * which is seeded by {@link #seed} and, like MLX's {@code KeySequence}, is split on every use: it
 * keeps the first half of {@code split(state)} and the call gets the second.
 *
 * <p>The derived distributions follow MLX's formulas, so they agree with MLX up to the rounding of
 * the element-wise functions ({@code erfinv}, {@code log}) they use.
 */
public final class Random {
    private static final Object LOCK = new Object();
    /** The global key's two words (MLX keeps it as an array; two ints need no graph). */
    private static int state0, state1;

    private static final float UINT32_MAX_F = 4294967295f; // rounds to 2^32, as in MLX
    private static final double SQRT2 = Math.sqrt(2.0);

    static {
        seed(System.nanoTime() ^ System.currentTimeMillis() * 0x9E3779B97F4A7C15L);
    }

    private Random() {}

    // ================================================================ keys

    /**
     * Seeds the global state: it becomes {@code key(seed)}.
     * MLX: {@code mlx.core.random.seed}.
     *
     * @param seed the seed
     */
    public static void seed(long seed) {
        synchronized (LOCK) {
            state0 = (int) (seed >>> 32);
            state1 = (int) seed;
        }
    }

    /**
     * The key of {@code seed}: its high and low 32 bits, as a UINT32 array of shape {@code [2]}.
     * MLX: {@code mlx.core.random.key}.
     *
     * @param seed the seed
     * @return a UINT32 array of shape {@code [2]}
     */
    public static Array key(long seed) { return keyArray((int) (seed >>> 32), (int) seed); }

    /**
     * {@code num} new keys from {@code key} (shape {@code [num, 2]}): {@code bits([num, 2], 4, key)}.
     * MLX: {@code mlx.core.random.split}.
     *
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @param num the number of keys
     * @return a UINT32 array of shape {@code [num, 2]}
     * @throws IllegalArgumentException if {@code num} is negative, or {@code key} is not a UINT32 array of
     * shape {@code [2]}
     */
    public static Array split(Array key, int num) {
        if (num < 0) throw new IllegalArgumentException("split: num must be >= 0, got " + num);
        return bits(new int[] {num, 2}, 4, key);
    }

    /**
     * Two new keys from {@code key} (shape {@code [2, 2]}).
     * MLX: {@code mlx.core.random.split}.
     *
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return a UINT32 array of shape {@code [2, 2]}
     * @throws IllegalArgumentException if {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array split(Array key) { return split(key, 2); }

    private static Array keyArray(int k0, int k1) {
        return Creation.fromSegment(MemorySegment.ofArray(new int[] {k0, k1}), DType.UINT32, new int[] {2});
    }

    /** Splits the global key: keeps the first new key and returns the second. */
    private static Array nextKey() {
        int sub0, sub1;
        synchronized (LOCK) {
            // split(state) = bits([2, 2], state): counters (0, 2) and (1, 3) give the words
            // [w0 w1 | w2 w3] = [first halves | second halves]
            long a = RandomKernels.threefry2x32(state0, state1, 0, 2);
            long b = RandomKernels.threefry2x32(state0, state1, 1, 3);
            state0 = (int) a;
            state1 = (int) b;
            sub0 = (int) (a >>> 32);
            sub1 = (int) (b >>> 32);
        }
        return keyArray(sub0, sub1);
    }

    /** The given key after checking it, or the next global key when it is null. */
    private static Array resolve(String op, Array key) {
        if (key == null) return nextKey();
        if (key.dtype() != DType.UINT32 || key.ndim() != 1 || key.shape(0) != 2) {
            throw new IllegalArgumentException(op + ": expected a key of dtype uint32 and shape (2,), got "
                    + key.dtype().mlxName() + " of shape " + Shapes.str(key.node().shape));
        }
        return key;
    }

    // ================================================================ bits

    /**
     * Random bits of {@code widthBytes} = 4, 2 or 1 bytes per element (UINT32, UINT16, UINT8).
     * MLX: {@code mlx.core.random.bits}.
     *
     * @param shape the shape of the result
     * @param widthBytes the bytes per element: 4, 2 or 1
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the random bits, of {@code shape}
     * @throws IllegalArgumentException if {@code widthBytes} is not 1, 2 or 4, or {@code key} is not a UINT32
     * array of shape {@code [2]}
     */
    public static Array bits(int[] shape, int widthBytes, Array key) {
        DType dtype = switch (widthBytes) {
            case 4 -> DType.UINT32;
            case 2 -> DType.UINT16;
            case 1 -> DType.UINT8;
            default -> throw new IllegalArgumentException("bits: width must be 1, 2 or 4 bytes, got " + widthBytes);
        };
        Shapes.checkShape("bits", shape);
        Array k = resolve("bits", key);
        return Ops.make(new RandomBits(shape.clone(), widthBytes), shape.clone(), dtype, k);
    }

    /**
     * UINT32 random bits.
     * MLX: {@code mlx.core.random.bits}.
     *
     * @param shape the shape of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the random bits, of {@code shape}
     * @throws IllegalArgumentException if {@code widthBytes} is not 1, 2 or 4, or {@code key} is not a UINT32
     * array of shape {@code [2]}
     */
    public static Array bits(int[] shape, Array key) { return bits(shape, 4, key); }

    // ================================================================ uniform

    /**
     * Uniform samples in {@code [low, high)} of a real floating {@code dtype}. Bounds must be finite
     * with {@code low <= high} (equal bounds give {@code low}).
     * MLX: {@code mlx.core.random.uniform}.
     *
     * @param low the lower bound (inclusive)
     * @param high the upper bound (exclusive)
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if a bound is not finite, {@code low > high}, {@code dtype} is not a
     * real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array uniform(double low, double high, int[] shape, DType dtype, Array key) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("uniform: needs finite bounds with low <= high, got low=" + low
                    + " high=" + high);
        }
        checkFloating("uniform", dtype);
        return uniform(Creation.scalar(low, dtype), Creation.scalar(high, dtype), shape, dtype, key);
    }

    /**
     * Uniform samples in {@code [0, 1)}.
     * MLX: {@code mlx.core.random.uniform}.
     *
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code dtype} is not a real floating type, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array uniform(int[] shape, DType dtype, Array key) { return uniform(0.0, 1.0, shape, dtype, key); }

    /**
     * Uniform samples between array bounds that broadcast to {@code shape} (MLX's semantics: no
     * ordering check; {@code low + (high - low) * u} with {@code u} in {@code [0, 1)}).
     * MLX: {@code mlx.core.random.uniform}.
     *
     * @param low the lower bounds
     * @param high the upper bounds
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if the bounds do not broadcast to {@code shape}, {@code dtype} is not a
     * real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array uniform(Array low, Array high, int[] shape, DType dtype, Array key) {
        checkFloating("uniform", dtype);
        Shapes.checkShape("uniform", shape);
        Array lo = Ops.astype(low, dtype);
        Array range = Mx.subtract(Ops.astype(high, dtype), lo);
        int[] outShape = Shapes.broadcast("uniform", shape, range.node().shape);
        if (!Arrays.equals(outShape, shape)) {
            throw new IllegalArgumentException("uniform: cannot generate values of shape " + Shapes.str(shape)
                    + " from bounds that broadcast to shape " + Shapes.str(outShape));
        }
        // bits / (2^32 - 1) in float32, capped just below one so that samples stay below high
        Array u = Mx.divide(bits(shape, 4, key), Creation.scalar(UINT32_MAX_F, DType.FLOAT32));
        u = Ops.astype(Mx.minimum(u, Creation.scalar(belowOne(dtype), DType.FLOAT32)), dtype);
        return Mx.add(Mx.multiply(range, u), lo);
    }

    /** The largest value below one of {@code dtype}, as a float32 (MLX's cap on uniform samples). */
    private static double belowOne(DType dtype) {
        return switch (dtype) {
            case FLOAT16 -> Float.float16ToFloat((short) 0x3BFF);
            case BFLOAT16 -> Float.intBitsToFloat(0x3F7F << 16);
            default -> Math.nextDown(1.0f);
        };
    }

    private static void checkFloating(String op, DType dtype) {
        if (dtype == null || !dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": dtype must be a real floating type, got "
                    + (dtype == null ? "null" : dtype.mlxName()));
        }
    }

    // ================================================================ normal and friends

    /**
     * Standard normal samples: {@code sqrt(2) * erfinv(u)} with {@code u} uniform in {@code (-1, 1)}.
     * MLX: {@code mlx.core.random.normal}.
     *
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code loc} or {@code scale} does not broadcast to {@code shape},
     * {@code dtype} is not a real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array normal(int[] shape, DType dtype, Array key) { return normal(shape, dtype, null, null, key); }

    /**
     * Normal samples with mean {@code loc} and standard deviation {@code scale}.
     * MLX: {@code mlx.core.random.normal}.
     *
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param loc the mean
     * @param scale the standard deviation
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code loc} or {@code scale} does not broadcast to {@code shape},
     * {@code dtype} is not a real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array normal(int[] shape, DType dtype, double loc, double scale, Array key) {
        checkFloating("normal", dtype);
        return normal(shape, dtype, Creation.scalar(loc, dtype), Creation.scalar(scale, dtype), key);
    }

    /**
     * Normal samples with array {@code loc} and {@code scale} (either may be null) broadcast to {@code shape}.
     * MLX: {@code mlx.core.random.normal}.
     *
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param loc the means, or null for 0
     * @param scale the standard deviations, or null for 1
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code loc} or {@code scale} does not broadcast to {@code shape},
     * {@code dtype} is not a real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array normal(int[] shape, DType dtype, Array loc, Array scale, Array key) {
        checkFloating("normal", dtype);
        Shapes.checkShape("normal", shape);
        for (Array p : new Array[] {loc, scale}) {
            if (p != null && !Arrays.equals(Shapes.broadcast("normal", shape, p.node().shape), shape)) {
                throw new IllegalArgumentException("normal: loc and scale must broadcast to shape " + Shapes.str(shape)
                        + ", got shape " + Shapes.str(p.node().shape));
            }
        }
        Array samples = uniform(Creation.scalar(Math.nextUp(-1.0f), DType.FLOAT32),
                Creation.scalar(1.0f, DType.FLOAT32), shape, DType.FLOAT32, key);
        Array scaleFactor = Creation.scalar(SQRT2, dtype);
        if (scale != null) scaleFactor = Mx.multiply(scaleFactor, Ops.astype(scale, dtype));
        samples = Mx.multiply(scaleFactor, Ops.astype(Mx.erfinv(samples), dtype));
        if (loc != null) samples = Mx.add(Ops.astype(loc, dtype), samples);
        return samples;
    }

    /**
     * Standard normal samples truncated to {@code [lower, upper]}: {@code sqrt(2) * erfinv(u)} with
     * {@code u} uniform between {@code erf(lower / sqrt 2)} and {@code erf(upper / sqrt 2)}, clipped
     * to the bounds ({@code lower > upper} gives {@code lower}).
     * MLX: {@code mlx.core.random.truncated_normal}.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if the bounds do not broadcast to {@code shape}, {@code dtype} is not a
     * real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array truncatedNormal(double lower, double upper, int[] shape, DType dtype, Array key) {
        checkFloating("truncatedNormal", dtype);
        return truncatedNormal(Creation.scalar(lower, dtype), Creation.scalar(upper, dtype), shape, dtype, key);
    }

    /**
     * Truncated normal samples between array bounds that broadcast to {@code shape}.
     * MLX: {@code mlx.core.random.truncated_normal}.
     *
     * @param lower the lower bounds
     * @param upper the upper bounds
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if the bounds do not broadcast to {@code shape}, {@code dtype} is not a
     * real floating type, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array truncatedNormal(Array lower, Array upper, int[] shape, DType dtype, Array key) {
        checkFloating("truncatedNormal", dtype);
        Shapes.checkShape("truncatedNormal", shape);
        int[] bounds = Shapes.broadcast("truncatedNormal", lower.node().shape, upper.node().shape);
        int[] outShape = Shapes.broadcast("truncatedNormal", shape, bounds);
        if (!Arrays.equals(outShape, shape)) {
            throw new IllegalArgumentException("truncatedNormal: bounds of shapes " + Shapes.str(lower.node().shape)
                    + " and " + Shapes.str(upper.node().shape) + " do not broadcast to shape " + Shapes.str(shape));
        }
        Array sqrt2 = Creation.scalar(SQRT2, dtype);
        Array lo = Ops.astype(lower, dtype), hi = Ops.astype(upper, dtype);
        Array a = Mx.erf(Mx.divide(lo, sqrt2));
        Array b = Mx.erf(Mx.divide(hi, sqrt2));
        Array u = uniform(a, b, shape, dtype, key);
        Array out = Mx.multiply(sqrt2, Mx.erfinv(u));
        return Mx.maximum(Mx.minimum(hi, out), lo);
    }

    /**
     * Gumbel samples: {@code -log(-log(u))} with {@code u} uniform in {@code [0, 1)}.
     * MLX: {@code mlx.core.random.gumbel}.
     *
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code dtype} is not a real floating type, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array gumbel(int[] shape, DType dtype, Array key) {
        checkFloating("gumbel", dtype);
        return Mx.negative(Mx.log(Mx.negative(Mx.log(uniform(shape, dtype, key)))));
    }

    // ================================================================ discrete

    /**
     * Integers in {@code [low, high)} of an integer or bool {@code dtype}; an empty interval
     * ({@code high <= low}, compared unsigned for unsigned dtypes) gives {@code low}. Computed in
     * integer space: random bits modulo the width of the interval (two draws combined for 64-bit
     * dtypes), then {@code low + offset} wrapped to {@code dtype}, as MLX does.
     * MLX: {@code mlx.core.random.randint}.
     *
     * @param low the lower bound (inclusive)
     * @param high the upper bound (exclusive)
     * @param shape the shape of the result
     * @param dtype the dtype of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code dtype} is not an integer or BOOL type, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array randint(long low, long high, int[] shape, DType dtype, Array key) {
        if (dtype == null || dtype.isInexact()) {
            throw new IllegalArgumentException("randint: dtype must be an integer or bool type, got "
                    + (dtype == null ? "null" : dtype.mlxName()));
        }
        Shapes.checkShape("randint", shape);
        boolean empty = dtype.isUnsignedInteger() ? Long.compareUnsigned(high, low) <= 0 : high <= low;
        long width = empty ? 1 : high - low; // unsigned: an interval may be up to 2^64 - 1 wide
        if (dtype == DType.INT64 || dtype == DType.UINT64) {
            Array loBits, hiBits;
            if (key != null) {
                Array keys = split(resolve("randint", key), 2);
                loBits = bits(shape, 4, row(keys, 0));
                hiBits = bits(shape, 4, row(keys, 1));
            } else {
                loBits = bits(shape, 4, null);
                hiBits = bits(shape, 4, null);
            }
            Array raw = Mx.bitwiseOr(Mx.leftShift(Ops.astype(hiBits, DType.UINT64), Creation.scalar(32L, DType.UINT64)),
                    Ops.astype(loBits, DType.UINT64));
            Array offset = Mx.remainder(raw, Creation.scalar(width, DType.UINT64));
            return Ops.astype(Mx.add(Creation.scalar(low, DType.UINT64), offset), dtype);
        }
        // One 32-bit draw covers these dtypes. A width of 2^32 or more leaves the draw as it is, and
        // low + offset modulo 2^64 has the same low bits in int64 as in MLX's uint64 arithmetic.
        long w = Long.compareUnsigned(width, 1L << 32) >= 0 ? 1L << 32 : width;
        Array raw = Ops.astype(bits(shape, 4, key), DType.INT64);
        Array offset = Mx.remainder(raw, Creation.scalar(w, DType.INT64));
        return Ops.astype(Mx.add(Creation.scalar(low, DType.INT64), offset), dtype);
    }

    private static Array row(Array keys, int i) {
        return ShapeOps.reshape(ShapeOps.slice(keys, new int[] {i, 0}, new int[] {i + 1, 2}, new int[] {1, 1}), 2);
    }

    /**
     * True with probability {@code p} (BOOL): {@code bits < p * nextUp(2^32)} in float32.
     * MLX: {@code mlx.core.random.bernoulli}.
     *
     * @param p the probability of true
     * @param shape the shape of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return a BOOL array of samples
     * @throws IllegalArgumentException if {@code p} is not floating or does not broadcast to {@code shape}, or
     * {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array bernoulli(double p, int[] shape, Array key) {
        return bernoulli(Creation.scalar(p, DType.FLOAT32), shape, key);
    }

    /**
     * Bernoulli samples with a floating probability array {@code p} that broadcasts to {@code shape}.
     * MLX: {@code mlx.core.random.bernoulli}.
     *
     * @param p the probabilities of true (floating)
     * @param shape the shape of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return a BOOL array of samples
     * @throws IllegalArgumentException if {@code p} is not floating or does not broadcast to {@code shape}, or
     * {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array bernoulli(Array p, int[] shape, Array key) {
        if (!p.dtype().isFloating()) {
            throw new IllegalArgumentException("bernoulli: p must have a floating dtype, got " + p.dtype().mlxName());
        }
        Shapes.checkShape("bernoulli", shape);
        int[] outShape = Shapes.broadcast("bernoulli", shape, p.node().shape);
        if (!Arrays.equals(outShape, shape)) {
            throw new IllegalArgumentException("bernoulli: p of shape " + Shapes.str(p.node().shape)
                    + " does not broadcast to shape " + Shapes.str(shape));
        }
        // p on the scale [0, nextUp(2^32)]: p >= 1 gives all true, p <= 0 all false
        Array upper = Creation.scalar(Math.nextUp(4294967296f), DType.FLOAT32);
        return Mx.less(bits(shape, 4, key), Mx.multiply(p, upper));
    }

    /**
     * Bernoulli samples of the shape of {@code p}.
     * MLX: {@code mlx.core.random.bernoulli}.
     *
     * @param p the probabilities of true (floating)
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return a BOOL array of samples
     * @throws IllegalArgumentException if {@code p} is not floating or does not broadcast to {@code shape}, or
     * {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array bernoulli(Array p, Array key) { return bernoulli(p, p.shape(), key); }

    /**
     * One sample per slice along {@code axis} from the categorical distribution with unnormalised
     * log-probabilities {@code logits}: {@code argmax(logits + gumbel)} (UINT32, {@code axis} removed).
     * MLX: {@code mlx.core.random.categorical}.
     *
     * @param logits the unnormalised log-probabilities
     * @param axis the axis of the categories (negative counts from the end)
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the sampled category indices (UINT32)
     * @throws IllegalArgumentException if the axis is out of range, the shape does not fit the logits, or
     * {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array categorical(Array logits, int axis, Array key) {
        int ax = Shapes.axis("categorical", axis, logits.ndim());
        return categoricalImpl(logits, ax, dropAxis(logits.node().shape, ax), key);
    }

    /**
     * Samples of {@code shape}, which must be the logits' shape without {@code axis} or broadcast
     * from it (extra leading axes draw independent samples).
     * MLX: {@code mlx.core.random.categorical}.
     *
     * @param logits the unnormalised log-probabilities
     * @param axis the axis of the categories (negative counts from the end)
     * @param shape the shape of the samples
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the sampled category indices (UINT32)
     * @throws IllegalArgumentException if the axis is out of range, the shape does not fit the logits, or
     * {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array categorical(Array logits, int axis, int[] shape, Array key) {
        int ax = Shapes.axis("categorical", axis, logits.ndim());
        Shapes.checkShape("categorical", shape);
        int[] reduced = dropAxis(logits.node().shape, ax);
        int[] b;
        try {
            b = Shapes.broadcast("categorical", shape, reduced);
        } catch (IllegalArgumentException e) {
            b = null;
        }
        if (!Arrays.equals(b, shape)) {
            throw new IllegalArgumentException("categorical: shape " + Shapes.str(shape)
                    + " is not broadcast compatible with the reduced logits shape " + Shapes.str(reduced));
        }
        return categoricalImpl(logits, ax, shape.clone(), key);
    }

    /**
     * {@code numSamples} samples per slice: the logits' shape without {@code axis}, plus a last axis.
     * MLX: {@code mlx.core.random.categorical}.
     *
     * @param logits the unnormalised log-probabilities
     * @param axis the axis of the categories (negative counts from the end)
     * @param numSamples the number of samples per distribution
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the sampled category indices (UINT32)
     * @throws IllegalArgumentException if the axis is out of range, the shape does not fit the logits, or
     * {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array categorical(Array logits, int axis, int numSamples, Array key) {
        if (numSamples < 0) throw new IllegalArgumentException("categorical: numSamples must be >= 0, got " + numSamples);
        int ax = Shapes.axis("categorical", axis, logits.ndim());
        Array expanded = ShapeOps.expandDims(logits, -1);
        int[] shape = dropAxis(expanded.node().shape, ax);
        shape[shape.length - 1] = numSamples;
        return categoricalImpl(expanded, ax, shape, key);
    }

    private static Array categoricalImpl(Array logits, int axis, int[] shape, Array key) {
        int offset = axis + shape.length - logits.ndim() + 1;
        int[] gShape = new int[shape.length + 1];
        System.arraycopy(shape, 0, gShape, 0, offset);
        gShape[offset] = logits.shape(axis);
        System.arraycopy(shape, offset, gShape, offset + 1, shape.length - offset);
        Array g = gumbel(gShape, DType.FLOAT32, key);
        return Mx.argmax(Mx.add(g, logits), offset);
    }

    private static int[] dropAxis(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != axis) out[j++] = shape[i];
        return out;
    }

    // ================================================================ permutations

    /**
     * A random permutation of {@code 0 .. n-1} (UINT32): the argsort of {@code bits([n], key)}.
     * MLX: {@code mlx.core.random.permutation}.
     *
     * @param n the number of elements
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return a UINT32 array of shape {@code [n]}
     * @throws IllegalArgumentException if {@code n} is negative or {@code x} is 0-d, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array permutation(int n, Array key) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        return Mx.argsort(bits(new int[] {n}, 4, key));
    }

    /**
     * {@code x} with its rows (axis 0) shuffled.
     * MLX: {@code mlx.core.random.permutation}.
     *
     * @param x the array to shuffle
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the shuffled array, of {@code x}'s shape and dtype
     * @throws IllegalArgumentException if {@code n} is negative or {@code x} is 0-d, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array permutation(Array x, Array key) { return permutation(x, 0, key); }

    /**
     * {@code x} with its slices along {@code axis} shuffled: {@code take(x, permutation(n), axis)}.
     * MLX: {@code mlx.core.random.permutation}.
     *
     * @param x the array to shuffle
     * @param axis the axis whose slices are shuffled
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the shuffled array, of {@code x}'s shape and dtype
     * @throws IllegalArgumentException if {@code n} is negative or {@code x} is 0-d, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array permutation(Array x, int axis, Array key) {
        if (x.ndim() == 0) throw new IllegalArgumentException("permutation: x must have at least one dimension");
        int ax = Shapes.axis("permutation", axis, x.ndim());
        return Mx.take(x, permutation(x.shape(ax), key), ax);
    }

    // ================================================================ op surface: laplace, multivariate normal

    /**
     * Samples of the Laplace distribution with location {@code loc} and scale {@code scale}, drawn as MLX
     * draws them: {@code u} uniform in {@code (-1, 1)} (float32), {@code loc + scale * sign(u) * log1p(-|u|)},
     * converted to {@code dtype}. MLX: {@code mlx.core.random.laplace}.
     *
     * @param shape the shape of the result
     * @param dtype the dtype of the result (a real floating type)
     * @param loc the location (the peak)
     * @param scale the scale (the decay)
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException if {@code dtype} is not a real floating type, or {@code key} is not a
     * UINT32 array of shape {@code [2]}
     */
    public static Array laplace(int[] shape, DType dtype, double loc, double scale, Array key) {
        checkFloating("laplace", dtype);
        Array u = uniform(Creation.scalar(Math.nextUp(-1.0f), DType.FLOAT32), Creation.scalar(1.0, DType.FLOAT32),
                shape, DType.FLOAT32, key);
        Array samples = Mx.multiply(Mx.sign(u), Mx.log1p(Mx.negative(Mx.abs(u))));
        if (scale != 1.0) samples = Mx.multiply(samples, scale);
        if (loc != 0.0) samples = Mx.add(samples, loc);
        return Ops.astype(samples, dtype);
    }

    /**
     * Standard Laplace samples (location 0, scale 1) of FLOAT32. MLX: {@code mlx.core.random.laplace}.
     *
     * @param shape the shape of the result
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples, of {@code shape}
     * @throws IllegalArgumentException if {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array laplace(int[] shape, Array key) { return laplace(shape, DType.FLOAT32, 0.0, 1.0, key); }

    /**
     * Samples of the multivariate normal distribution with means {@code mean} (shape {@code [..., n]}) and
     * covariances {@code cov} (shape {@code [..., n, n]}, symmetric positive semi-definite), drawn as MLX draws
     * them: {@code mean + z @ sqrt(cov)} with {@code z} standard normal and {@code sqrt(cov) = U sqrt(S) V^T}
     * from the SVD of {@code cov} in float32. The result has shape
     * {@code broadcast(shape, mean.shape[:-1], cov.shape[:-2]) + [n]}. As in MLX the factorisation runs on the
     * CPU when the samples are built: {@code cov} is evaluated here (so it cannot be a value traced by
     * {@code compile}), and gradients reach {@code mean} only.
     * MLX: {@code mlx.core.random.multivariate_normal}.
     *
     * @param mean the means, at least 1-d
     * @param cov the covariance matrices, at least 2-d
     * @param shape the batch shape of the samples (broadcast with the batch axes of {@code mean} and {@code cov})
     * @param dtype the dtype of the result (a real floating type)
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples
     * @throws IllegalArgumentException if {@code mean} is 0-d, {@code cov} is not a batch of {@code n x n}
     * matrices, the batch shapes do not broadcast, {@code dtype} is not a real floating type, or {@code key}
     * is not a UINT32 array of shape {@code [2]}
     */
    public static Array multivariateNormal(Array mean, Array cov, int[] shape, DType dtype, Array key) {
        checkFloating("multivariateNormal", dtype);
        int[] m = mean.node().shape, c = cov.node().shape;
        if (m.length < 1) throw new IllegalArgumentException("multivariateNormal: mean must have at least one dimension, got a 0-d array");
        int n = m[m.length - 1];
        if (c.length < 2 || c[c.length - 1] != n || c[c.length - 2] != n) {
            throw new IllegalArgumentException("multivariateNormal: cov must have shape [..., " + n + ", " + n + "] for mean of shape "
                    + Shapes.str(m) + ", got " + Shapes.str(c));
        }
        if (!mean.dtype().isFloating() || !cov.dtype().isFloating()) {
            throw new IllegalArgumentException("multivariateNormal: mean and cov must be real floating, got "
                    + mean.dtype().mlxName() + " and " + cov.dtype().mlxName());
        }
        int[] batch = Shapes.broadcast("multivariateNormal", Shapes.broadcast("multivariateNormal", shape,
                Arrays.copyOf(m, m.length - 1)), Arrays.copyOf(c, c.length - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 1);
        outShape[batch.length] = n;
        Array root = Ops.astype(CovarianceRoot.of(cov), dtype);
        Array z = normal(outShape, dtype, key);
        Array scaled = ShapeOps.squeeze(Mx.matmul(ShapeOps.expandDims(z, z.ndim() - 1), root), batch.length);
        return Mx.add(Ops.astype(mean, dtype), scaled);
    }

    /**
     * {@link #multivariateNormal(Array, Array, int[], DType, Array)} of FLOAT32 with the batch shape of
     * {@code mean} and {@code cov}. MLX: {@code mlx.core.random.multivariate_normal(mean, cov)}.
     *
     * @param mean the means, at least 1-d
     * @param cov the covariance matrices, at least 2-d
     * @param key the key (a UINT32 array of shape {@code [2]}), or null for the next key of the global state
     * @return the samples
     * @throws IllegalArgumentException if the shapes do not fit, or {@code key} is not a UINT32 array of shape {@code [2]}
     */
    public static Array multivariateNormal(Array mean, Array cov, Array key) {
        return multivariateNormal(mean, cov, new int[0], DType.FLOAT32, key);
    }
}
