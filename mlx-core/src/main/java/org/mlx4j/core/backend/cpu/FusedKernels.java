package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Cost;
import org.mlx4j.core.graph.Elementwise;
import org.mlx4j.core.primitives.Compiled;

/**
 * Evaluates a {@link Compiled} node: one pass over the output that computes the whole fused chain per
 * element and materialises nothing else.
 *
 * <p>Each input is read with NumPy broadcasting against the output shape and classified: a scalar (one
 * element, broadcast once), contiguous (read in place), or strided (transposed, reversed, broadcast
 * rows or columns), which is gathered block by block into a small scratch buffer and then read as
 * contiguous. The program runs as a generated Vector API class where {@link FusedCodegen} has one (float32
 * and float64 chains), else on {@link FusedInterpreter}. Kernels are cached by program and scalar inputs,
 * never by shape. Large outputs fan out over {@link Parallel}.
 */
public final class FusedKernels {
    private FusedKernels() {}

    private static final int BLOCK = FusedInterpreter.BLOCK;
    /** Elements per parallel chunk: as the unary kernels, larger when every op of the program is cheap. */
    private static final long GRAIN = 1 << 14;
    private static final long GRAIN_CHEAP = 1 << 16;

    private record Key(Compiled program, List<Boolean> scalar) {}

    /** Most kernels kept; the least recently used beyond it are dropped, so their classes can be unloaded. */
    private static final int MAX_KERNELS = 512;

    private static final Map<Key, FusedKernel> KERNELS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, FusedKernel> eldest) { return size() > MAX_KERNELS; }
    };

    /** True when {@code program} runs as a generated Vector API class rather than block by block. */
    public static boolean isGenerated(Compiled program) {
        return FusedCodegen.supports(program) && !(kernel(program, new boolean[program.numInputs()]) instanceof FusedInterpreter);
    }

    /** out = program(inputs), every input broadcast to out's shape; out is row-major contiguous. */
    public static void run(Compiled program, StridedView[] inputs, StridedView out) {
        check(program, inputs, out);
        long n = out.size();
        if (n == 0) return;
        int k = inputs.length;
        boolean[] scalar = new boolean[k];
        CopyLayout[] strided = new CopyLayout[k];
        MemorySegment[] segs = new MemorySegment[k];
        long[] base = new long[k];
        int[] size = new int[k];
        for (int j = 0; j < k; j++) {
            StridedView v = broadcast(inputs[j], out.shape());
            CopyLayout layout = CopyLayout.of(v);
            size[j] = v.dtype().size();
            segs[j] = v.segment();
            base[j] = layout.offset * size[j];
            scalar[j] = v.isScalarBroadcast();
            if (!scalar[j] && !layout.isContiguous()) strided[j] = layout;
        }
        FusedKernel kernel = kernel(program, scalar);
        long grain = allCheap(program) ? GRAIN_CHEAP : GRAIN;
        MemorySegment dst = out.segment();
        long ob = out.byteOffset();
        int os = out.dtype().size();
        boolean anyStrided = Arrays.stream(strided).anyMatch(l -> l != null);
        if (!anyStrided) {
            Parallel.forRange(n, grain, 64, (s, e) -> {
                long[] offsets = new long[k];
                for (int j = 0; j < k; j++) offsets[j] = scalar[j] ? base[j] : base[j] + s * size[j];
                kernel.run(segs, offsets, dst, ob + s * os, e - s);
            });
            return;
        }
        Parallel.forRange(n, grain, BLOCK, (s, e) -> {
            MemorySegment[] local = segs.clone();
            long[] offsets = new long[k];
            for (int j = 0; j < k; j++) if (strided[j] != null) local[j] = MemorySegment.ofArray(new long[(BLOCK * size[j] + 7) / 8]);
            for (long b = s; b < e; b += BLOCK) {
                long m = Math.min(BLOCK, e - b);
                for (int j = 0; j < k; j++) {
                    if (strided[j] != null) strided[j].gather(segs[j], size[j], b, b + m, local[j], 0);
                    else offsets[j] = scalar[j] ? base[j] : base[j] + b * size[j];
                }
                kernel.run(local, offsets, dst, ob + b * os, m);
            }
        });
    }

    /** True when every instruction costs a vector instruction or two (the ops' {@link Cost}; selects and casts are cheap). */
    private static boolean allCheap(Compiled program) {
        for (Compiled.Instr ins : program.instrs()) {
            Cost cost = switch (Elementwise.require(ins.op())) {
                case Elementwise.OfUnary u -> u.op().cost();
                case Elementwise.OfBinary b -> b.op().cost();
                case Elementwise.Select w -> Cost.CHEAP;
                case Elementwise.Convert c -> Cost.CHEAP;
            };
            if (cost.expensive(!ins.dtype().isInexact())) return false;
        }
        return true;
    }

    /** The kernel used last, found by identity of the program (no hashing of its instructions) and a bit per scalar input. */
    private record Recent(Compiled program, long scalarMask, FusedKernel kernel) {}

    private static volatile Recent recent;

    private static FusedKernel kernel(Compiled program, boolean[] scalar) {
        long mask = 0;
        for (int j = 0; j < scalar.length && j < Long.SIZE; j++) if (scalar[j]) mask |= 1L << j;
        Recent last = recent;
        if (scalar.length <= Long.SIZE && last != null && last.program == program && last.scalarMask == mask) return last.kernel;
        FusedKernel k = cachedKernel(program, scalar);
        recent = new Recent(program, mask, k);
        return k;
    }

    private static FusedKernel cachedKernel(Compiled program, boolean[] scalar) {
        Boolean[] boxed = new Boolean[scalar.length];
        for (int j = 0; j < scalar.length; j++) boxed[j] = scalar[j];
        Key key = new Key(program, List.of(boxed));
        synchronized (KERNELS) {
            FusedKernel k = KERNELS.get(key);
            if (k != null) return k;
        }
        FusedKernel made = null;
        if (FusedCodegen.supports(program)) made = FusedCodegen.generate(program, scalar); // null when too big to JIT
        if (made == null) made = new FusedInterpreter(program, scalar);
        synchronized (KERNELS) {
            FusedKernel raced = KERNELS.putIfAbsent(key, made);
            return raced != null ? raced : made;
        }
    }

    /** {@code v} seen with {@code shape}: leading axes added and extent-1 axes stretched with stride 0. */
    private static StridedView broadcast(StridedView v, int[] shape) {
        int lead = shape.length - v.ndim();
        long[] strides = new long[shape.length];
        for (int i = 0; i < v.ndim(); i++) strides[lead + i] = v.shape()[i] == 1 ? 0 : v.strides()[i];
        return new StridedView(v.segment(), v.offset(), shape, strides, v.dtype());
    }

    private static void check(Compiled program, StridedView[] inputs, StridedView out) {
        if (inputs.length != program.numInputs()) {
            throw new IllegalArgumentException("Compiled: " + inputs.length + " inputs given for a program of " + program.numInputs());
        }
        if (out.dtype() != program.outputType()) {
            throw new IllegalArgumentException("Compiled: output dtype " + out.dtype().mlxName() + ", program makes "
                    + program.outputType().mlxName());
        }
        if (!out.isRowContiguous()) throw new IllegalArgumentException("Compiled: output must be row-major contiguous, got " + out);
        int[] shape = out.shape();
        for (int j = 0; j < inputs.length; j++) {
            StridedView v = inputs[j];
            DType t = program.inputTypes().get(j);
            boolean ok = v.dtype() == t && v.ndim() <= shape.length;
            for (int i = 0; ok && i < v.ndim(); i++) {
                int d = v.shape()[i];
                ok = d == 1 || d == shape[shape.length - v.ndim() + i];
            }
            if (!ok) {
                throw new IllegalArgumentException("Compiled: input " + j + " (" + v.dtype().mlxName() + " " + Arrays.toString(v.shape())
                        + ") does not fit a program input of " + t.mlxName() + " broadcast to " + Arrays.toString(shape));
            }
        }
    }
}
