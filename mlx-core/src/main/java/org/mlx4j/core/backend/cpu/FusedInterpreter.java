package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.mlx4j.core.DType;
import org.mlx4j.core.primitives.AsType;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.graph.Elementwise;
import org.mlx4j.core.primitives.Compiled;
import org.mlx4j.core.primitives.Unary;
import org.mlx4j.core.primitives.Where;

/**
 * Runs a {@link Compiled} program that has no generated form (float16, bfloat16, integers, booleans, or
 * ops without a vector form) block by block: each instruction runs the ordinary element-wise kernel over
 * {@value #BLOCK} elements held in a small scratch buffer, and only the last one writes the output. So
 * the results are exactly those of the unfused graph, and no intermediate is ever larger than a block.
 */
final class FusedInterpreter implements FusedKernel {
    static final int BLOCK = 1024;
    private static final long[] UNIT = {1};
    private static final long[] ZERO = {0};

    private final Compiled program;
    private final boolean[] scalar;

    FusedInterpreter(Compiled program, boolean[] scalar) {
        this.program = program;
        this.scalar = scalar.clone();
    }

    @Override
    public void run(MemorySegment[] inputs, long[] offsets, MemorySegment out, long outOffset, long count) {
        List<Compiled.Instr> instrs = program.instrs();
        int k = program.numInputs(), last = instrs.size() - 1;
        MemorySegment[] scratch = new MemorySegment[last];
        for (int i = 0; i < last; i++) {
            scratch[i] = MemorySegment.ofArray(new long[(BLOCK * instrs.get(i).dtype().size() + 7) / 8]);
        }
        StridedView[] values = new StridedView[k + instrs.size()];
        DType outType = program.outputType();
        for (long b = 0; b < count; b += BLOCK) {
            int m = (int) Math.min(BLOCK, count - b);
            int[] shape = {m};
            for (int j = 0; j < k; j++) {
                DType t = program.inputTypes().get(j);
                long first = offsets[j] / t.size();
                values[j] = scalar[j]
                        ? new StridedView(inputs[j], first, shape, ZERO, t)
                        : new StridedView(inputs[j], first + b, shape, UNIT, t);
            }
            for (int i = 0; i <= last; i++) {
                Compiled.Instr ins = instrs.get(i);
                StridedView o = i == last
                        ? new StridedView(out, outOffset / outType.size() + b, shape, UNIT, outType)
                        : StridedView.contiguous(scratch[i], ins.dtype(), m);
                StridedView a = values[ins.arg(0)];
                switch (Elementwise.require(ins.op())) {
                    case Elementwise.OfUnary u -> UnaryKernels.apply(u.op(), a, o);
                    case Elementwise.OfBinary bin -> BinaryKernels.apply(bin.op(), a, values[ins.arg(1)], o);
                    case Elementwise.Select w -> WhereKernel.where(a, values[ins.arg(1)], values[ins.arg(2)], o);
                    case Elementwise.Convert t -> CopyKernels.copy(a, o);
                }
                values[k + i] = o;
            }
        }
    }
}
